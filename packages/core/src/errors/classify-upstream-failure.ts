import { ReelayError } from './reelay-error';
import { UpstreamError } from './upstream-error';

/** What a failed call to a provider means, decided once for the tracker, the router and `generateVideo`. */
export type UpstreamFailure = {
  /** Trying the same call again later may work: no answer, 408, 409, 429, 5xx, or the adapter said so. */
  transient: boolean;
  /** The provider itself is failing (no answer, 408, 429, 5xx): counts against its circuit breaker. */
  providerFault: boolean;
  /** The provider no longer knows the job (404 or 410 when asked about it): it cannot be tracked further. */
  jobGone: boolean;
  /** The failure proves the provider created nothing, so a submit may go to another provider. */
  nothingCreated: boolean;
  /** HTTP status from the provider; `undefined` when no answer arrived. */
  statusCode: number | undefined;
  /** How long the provider asked to wait before the next call; 0 when it did not say. */
  retryAfterMs: number;
  code: string | undefined;
  /** The request field the provider blamed, by its wire path, when its error parser could tell. */
  upstreamParam: string | undefined;
  message: string;
};

/**
 * Classifies any error an adapter threw. Reelay's own errors other than `UpstreamError` come from checks made
 * before anything was sent; anything else (a bug, an unwrapped network error) is treated as a provider failure
 * whose outcome is unknown.
 */
export function classifyUpstreamFailure(error: unknown): UpstreamFailure {
  if (UpstreamError.isInstance(error)) {
    const status = error.statusCode;
    return {
      transient: error.isRetryable,
      providerFault: status === undefined || status === 408 || status === 429 || status >= 500,
      jobGone: status === 404 || status === 410,
      nothingCreated: error.nothingCreated,
      statusCode: status,
      retryAfterMs: error.retryAfterMs ?? 0,
      code: error.providerCode ?? error.code,
      upstreamParam: error.upstreamParam,
      message: error.message,
    };
  }
  if (ReelayError.isInstance(error)) {
    return {
      transient: false,
      providerFault: false,
      jobGone: false,
      nothingCreated: true,
      statusCode: undefined,
      retryAfterMs: 0,
      code: error.code,
      upstreamParam: undefined,
      message: error.message,
    };
  }
  return {
    transient: true,
    providerFault: true,
    jobGone: false,
    nothingCreated: false,
    statusCode: undefined,
    retryAfterMs: 0,
    code: undefined,
    upstreamParam: undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}
