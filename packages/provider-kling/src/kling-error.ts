import { createErrorParser } from '@reelay/provider-utils';

/**
 * Kling's service codes (API reference, "Error Code"). Rate and concurrency limits (1302, 1303) and server
 * trouble (5000–5002) pass; account problems share HTTP 429 (1100–1102: arrears, empty resource pack) but
 * waiting does not fix them.
 */
export function isRetryableKlingCode(code: number): boolean {
  return code === 1302 || code === 1303 || (code >= 5000 && code <= 5002);
}

/** An error answer is the envelope without `data`: `{code, message, request_id}`. */
export const parseKlingError = createErrorParser((body) => {
  if (typeof body !== 'object' || body === null) return {};
  const { code, message } = body as Record<string, unknown>;
  if (typeof code !== 'number') return {};
  return {
    detail: typeof message === 'string' && message !== '' ? `${message} (code ${code})` : `code ${code}`,
    providerCode: String(code),
    isRetryable: isRetryableKlingCode(code),
  };
});
