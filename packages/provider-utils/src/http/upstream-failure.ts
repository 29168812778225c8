import { UpstreamError } from '@reelay/core';
import { parseHttpError } from '../upstream-errors/parse-http-error';
import { redactSecrets } from '../upstream-errors/redact';
import type { UpstreamErrorParser, UpstreamErrorResponse } from '../upstream-errors/upstream-error-parser';
import { describeNetworkError, failedBeforeSending } from './network-error';
import type { HttpMethod } from './send-request';

/**
 * The error for a call that got no usable answer. Only a failure before sending, or any failure of a call
 * that creates nothing (anything but POST), proves nothing was created; a POST that timed out or was reset
 * after its body left may have created a job, so it is neither `nothingCreated` nor retryable.
 */
export function networkFailure(options: {
  provider: string;
  method: HttpMethod;
  url: string;
  error: unknown;
}): UpstreamError {
  const beforeSending = failedBeforeSending(options.error);
  const nothingCreated = beforeSending || options.method !== 'POST';
  const consequence = beforeSending
    ? 'nothing was sent'
    : nothingCreated
      ? 'the request may be retried'
      : 'the provider may have accepted the request, so it was not retried';
  return new UpstreamError({
    provider: options.provider,
    message: `${options.method} ${options.url} failed: ${describeNetworkError(options.error)}; ${consequence}.`,
    statusCode: undefined,
    isRetryable: nothingCreated,
    nothingCreated,
    url: options.url,
    cause: options.error,
  });
}

/** A 2xx answer whose body is not JSON or does not fit the expected schema. */
export function invalidResponse(options: {
  provider: string;
  method: HttpMethod;
  url: string;
  status: number;
  problem: string;
  bodyText: string;
  secrets: readonly string[];
  retryable: boolean;
  cause?: unknown;
}): UpstreamError {
  return new UpstreamError({
    provider: options.provider,
    message: redactSecrets(
      `${options.method} ${options.url} answered HTTP ${options.status} with ${options.problem}. ` +
        'The provider API may have changed; report this with the response body.',
      options.secrets,
    ),
    // A 2xx is not an error status; leaving it out makes the gateway answer 502, not 400.
    statusCode: undefined,
    providerCode: 'invalid_response',
    isRetryable: options.retryable,
    nothingCreated: options.method !== 'POST',
    url: options.url,
    responseBody: redactSecrets(options.bodyText, options.secrets),
    cause: options.cause,
  });
}

/** Runs a provider's parser; a parser that throws anyway falls back to the generic one. */
export function parseErrorSafely(
  parser: UpstreamErrorParser,
  response: UpstreamErrorResponse,
): UpstreamError {
  try {
    return parser(response);
  } catch {
    return parseHttpError(response);
  }
}
