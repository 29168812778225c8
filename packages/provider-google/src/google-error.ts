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
    param: violatedField(details) ?? unknownName(message),
    retryAfterMs: retryDelayOf(details),
  };
});

/** The first `google.rpc.BadRequest` field violation's `field` (`parameters.durationSeconds`). */
function violatedField(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (typeof detail !== 'object' || detail === null) continue;
    const record = detail as Record<string, unknown>;
    if (!String(record['@type'] ?? '').endsWith('google.rpc.BadRequest')) continue;
    const violations = record['fieldViolations'];
    const first: unknown = Array.isArray(violations) ? violations[0] : undefined;
    const field =
      typeof first === 'object' && first !== null ? (first as Record<string, unknown>)['field'] : undefined;
    if (typeof field === 'string' && field !== '') return field;
  }
  return undefined;
}

/**
 * Google's JSON decoder names an unknown field only in its message: `Unknown name "foo": Cannot find field.`,
 * or `Unknown name "foo" at 'parameters': …` for a nested one.
 */
function unknownName(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined;
  const match = /Unknown name "([^"]+)"(?: at '([^']+)')?/.exec(message);
  if (!match?.[1]) return undefined;
  return match[2] ? `${match[2]}.${match[1]}` : match[1];
}

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
