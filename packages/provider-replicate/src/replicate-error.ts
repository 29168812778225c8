import { createErrorParser, isRecord, stringField } from '@reelay/provider-utils';

/**
 * Replicate's RFC 7807 problem details `{type?, title?, status, detail}`. A throttling 429 often says
 * "resets in ~30s" in `detail` without a header; that is used as the retry delay when no header gives one.
 */
export const parseReplicateError = createErrorParser((body) => {
  if (!isRecord(body)) return {};
  const title = stringField(body, 'title');
  const detail = stringField(body, 'detail') ?? stringField(body, 'error');
  const type = stringField(body, 'type');
  return {
    detail: title && detail && !detail.startsWith(title) ? `${title}: ${detail}` : (detail ?? title),
    providerCode: type ? lastSegment(type) : undefined,
    param: invalidField(body['invalid_fields']),
    retryAfterMs: detail ? resetHint(detail) : undefined,
  };
});

/** The first field of a 422's `invalid_fields` (`input.duration`), as a path inside `input`, which the adapter fills. */
function invalidField(fields: unknown): string | undefined {
  const first: unknown = Array.isArray(fields) ? fields[0] : undefined;
  const field = isRecord(first) ? stringField(first, 'field') : undefined;
  return field?.startsWith('input.') ? field.slice('input.'.length) : undefined;
}

function lastSegment(type: string): string {
  const segments = type.split('/').filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? type;
}

function resetHint(detail: string): number | undefined {
  const match = /resets in ~?\s*(\d+)\s*s/i.exec(detail);
  return match?.[1] ? Number.parseInt(match[1], 10) * 1000 : undefined;
}
