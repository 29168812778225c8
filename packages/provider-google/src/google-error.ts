import { createErrorParser } from '@reelay/provider-utils';

/**
 * Google's error envelope `{error: {code, message, status, details}}`. A 429 carries a
 * `google.rpc.RetryInfo` detail whose `retryDelay` ("34.4s") is the wait when no header gives one.
 */
export const parseGoogleError = createErrorParser((body) => {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as Record<string, unknown>)['error'];
  if (typeof error !== 'object' || error === null) {
    // OAuth token endpoints answer `{error, error_description}` instead.
    const flat = body as Record<string, unknown>;
    if (typeof flat['error'] === 'string') {
      const description = flat['error_description'];
      return {
        detail: typeof description === 'string' ? `${flat['error']}: ${description}` : flat['error'],
        providerCode: flat['error'],
      };
    }
    return {};
  }
  const { message, status, details } = error as Record<string, unknown>;
  return {
    detail: typeof message === 'string' ? message : undefined,
    providerCode: typeof status === 'string' ? status : undefined,
    retryAfterMs: retryDelayOf(details),
  };
});

function retryDelayOf(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (typeof detail !== 'object' || detail === null) continue;
    const record = detail as Record<string, unknown>;
    if (!String(record['@type'] ?? '').endsWith('google.rpc.RetryInfo')) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(record['retryDelay'] ?? ''));
    if (match) return Math.ceil(Number(match[1]) * 1000);
  }
  return undefined;
}
