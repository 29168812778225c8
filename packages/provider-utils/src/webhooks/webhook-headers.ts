import { WebhookVerificationError } from '../errors/webhook-verification-error';

/** Request headers as a web `Headers` or a Node-style record (`IncomingHttpHeaders`). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | string[] | undefined>>;

/** A required header, case-insensitively; throws `WebhookVerificationError` naming it when absent. */
export function requiredHeader(headers: WebhookHeaders, name: string): string {
  const value = readHeader(headers, name)?.trim();
  if (!value)
    throw new WebhookVerificationError(`The webhook request has no ${name} header; it cannot be verified.`);
  return value;
}

function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Checks a unix-seconds timestamp header against the clock, both ways, so a captured delivery cannot be
 * replayed later and a forged future timestamp cannot extend its life.
 */
export function assertFreshTimestamp(
  header: string,
  name: string,
  options: { toleranceSeconds: number; now: Date | number | undefined },
): void {
  if (!/^\d{1,12}$/.test(header)) {
    throw new WebhookVerificationError(`The ${name} header '${header}' is not a unix timestamp in seconds.`);
  }
  const nowSeconds = Math.floor(toMillis(options.now) / 1000);
  const age = nowSeconds - Number.parseInt(header, 10);
  if (age > options.toleranceSeconds) {
    throw new WebhookVerificationError(
      `The webhook timestamp is ${age} s old, beyond the ${options.toleranceSeconds} s tolerance; refusing a possible replay.`,
    );
  }
  if (-age > options.toleranceSeconds) {
    throw new WebhookVerificationError(
      `The webhook timestamp is ${-age} s in the future, beyond the ${options.toleranceSeconds} s tolerance; check the clock.`,
    );
  }
}

export function toBytes(body: Uint8Array | string): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function toMillis(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === 'number' ? now : now.getTime();
}
