import { UpstreamError } from '@reelay/core';

const REDACTED = '[REDACTED]';

/**
 * The same error with the given values blanked out of its message and recorded body, so a bring-your-own key
 * sent in the input (`openai_api_key`) never leaks through an echoed validation message.
 */
export function redactUpstreamError(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !UpstreamError.isInstance(error)) return error;
  const scrub = (text: string) =>
    secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
  const leaks = secrets.some(
    (secret) => error.message.includes(secret) || error.responseBody?.includes(secret),
  );
  if (!leaks) return error;
  const prefix = `${error.provider}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return new UpstreamError({
    provider: error.provider,
    message: scrub(message),
    statusCode: error.statusCode,
    providerCode: error.providerCode,
    isRetryable: error.isRetryable,
    retryAfterMs: error.retryAfterMs,
    nothingCreated: error.nothingCreated,
    url: error.url,
    responseBody: error.responseBody === undefined ? undefined : scrub(error.responseBody),
  });
}
