import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('UpstreamError');

export type UpstreamErrorOptions = {
  provider: string;
  message: string;
  /** HTTP status from the provider; `undefined` when no response arrived. */
  statusCode: number | undefined;
  /** The provider's own error code or type (`rate_limit_exceeded`, `runner_scheduling_failure`). */
  providerCode?: string | undefined;
  /**
   * The request field the provider named as the one at fault, by its wire path in the body the adapter sent
   * (`foo`, `parameters.seed`), as the plugin's error parser read it. Lets the engine tell a refusal of the user's
   * own parameter from a provider's trouble without knowing any provider.
   */
  upstreamParam?: string | undefined;
  isRetryable: boolean;
  /** How long the provider asked us to wait, from `Retry-After` and friends. */
  retryAfterMs?: number | undefined;
  /**
   * Whether the failure proves the provider created nothing, so another provider may be tried safely.
   * False after an ambiguous failure (timeout once the body was sent): resubmitting could double-charge.
   */
  nothingCreated: boolean;
  /** The request URL without query string. Never holds credentials. */
  url?: string | undefined;
  responseBody?: string | undefined;
  cause?: unknown;
};

/** A provider answered with an error, garbage, or not at all. */
export class UpstreamError extends ReelayError {
  readonly [marker] = true;
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly providerCode: string | undefined;
  readonly upstreamParam: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly nothingCreated: boolean;
  readonly url: string | undefined;
  readonly responseBody: string | undefined;

  constructor(options: UpstreamErrorOptions) {
    const status = options.statusCode;
    super({
      message: `${options.provider}: ${options.message}`,
      type: 'upstream_error',
      status: gatewayStatusFor(status),
      code: options.providerCode ?? (status !== undefined ? `upstream_${status}` : 'upstream_unreachable'),
      cause: options.cause,
    });
    this.name = 'UpstreamError';
    this.provider = options.provider;
    this.statusCode = status;
    this.providerCode = options.providerCode;
    this.upstreamParam = options.upstreamParam;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
    this.nothingCreated = options.nothingCreated;
    this.url = options.url;
    this.responseBody = options.responseBody?.slice(0, 2000);
  }

  static override isInstance(error: unknown): error is UpstreamError {
    return hasMarker(error, 'UpstreamError');
  }
}

/** AI SDK's default: 408, 409, 429 and every 5xx are worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * What the gateway answers for an upstream failure: the client's fault only when the provider refused the request
 * itself (bad input, unknown model); a provider's auth failure means the gateway's credentials are wrong.
 */
function gatewayStatusFor(status: number | undefined): number {
  if (status === 429) return 429;
  if (status === 400 || status === 404 || status === 409 || status === 413 || status === 422) return 400;
  return 502;
}
