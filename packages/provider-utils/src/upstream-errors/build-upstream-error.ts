import { STATUS_CODES } from 'node:http';
import { isRetryableStatus, UpstreamError } from '@reelay/core';
import { parseRetryAfter } from './parse-retry-after';
import { redactSecrets, sanitizeUrl } from './redact';
import type { UpstreamErrorResponse } from './upstream-error-parser';

const MAX_SNIPPET = 200;

/** What a provider-specific parser read from an error body; every field falls back to a default. */
export type ParsedUpstreamError = {
  /** The provider's own words. Default: a snippet of the raw body. */
  detail?: string | undefined;
  providerCode?: string | undefined;
  /**
   * The request field the provider says is at fault, as a wire path in the body the adapter sent (`foo`,
   * `parameters.seed`; no envelope prefix such as fal's `body.` or Replicate's `input.`). Leave it out when the
   * provider does not say: the engine then cannot tell the user's own parameter from the provider's trouble.
   */
  param?: string | undefined;
  /** Default: 408, 409, 429 and 5xx. */
  isRetryable?: boolean | undefined;
  /** Used when no retry header says otherwise. */
  retryAfterMs?: number | undefined;
};

/**
 * The `UpstreamError` for an HTTP error answer. The message always names the status; `detail` (the
 * provider's own words) follows when there is any, else a short snippet of the raw body. Every HTTP answer
 * proves the provider refused before accepting the job, so `nothingCreated` is true.
 */
export function buildUpstreamError(
  response: UpstreamErrorResponse,
  parsed: ParsedUpstreamError,
): UpstreamError {
  const { status, headers, bodyText, provider } = response;
  const detail = parsed.detail ?? snippet(bodyText);
  const statusLine = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  return new UpstreamError({
    provider,
    message: redactSecrets(detail ? `${statusLine}: ${detail}` : statusLine),
    statusCode: status,
    providerCode: parsed.providerCode,
    upstreamParam: parsed.param,
    isRetryable: parsed.isRetryable ?? isRetryableStatus(status),
    retryAfterMs: parseRetryAfter(headers) ?? parsed.retryAfterMs,
    nothingCreated: true,
    url: sanitizeUrl(response.url),
    responseBody: bodyText === '' ? undefined : redactSecrets(bodyText),
  });
}

function snippet(bodyText: string): string | undefined {
  const flat = bodyText.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  return flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET)}…` : flat;
}
