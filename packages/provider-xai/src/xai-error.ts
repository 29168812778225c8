import { createErrorParser } from '@reelay/provider-utils';

/**
 * xAI answers errors in two shapes, both seen in vercel/ai's parser history: its native `{code, error}` (where
 * `code` is a phrase such as "Client specified an invalid argument") and OpenAI's `{error: {message, type,
 * code}}`. A wrong key is a 400 there, so a message about the key is marked `invalid_api_key`.
 */
export const parseXaiError = createErrorParser((body) => {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const nested = record['error'];
  let detail: string | undefined;
  let code: string | undefined;
  if (typeof nested === 'string') {
    detail = nested;
    code = typeof record['code'] === 'string' ? record['code'] : undefined;
  } else if (typeof nested === 'object' && nested !== null) {
    const inner = nested as Record<string, unknown>;
    detail = typeof inner['message'] === 'string' ? inner['message'] : undefined;
    const innerCode = inner['code'] ?? inner['type'];
    code = typeof innerCode === 'string' || typeof innerCode === 'number' ? String(innerCode) : undefined;
  }
  if (detail && /api key/i.test(detail)) code = 'invalid_api_key';
  return { detail, providerCode: code };
});
