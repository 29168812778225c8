import { isRetryableStatus } from '@reelay/core';
import { booleanHeader, createErrorParser, isRecord, stringField } from '@reelay/provider-utils';

/**
 * fal's three shapes: validation `{detail:[{loc,msg,type}]}` (422), legacy `{detail:"…"}`, and infrastructure
 * `{detail, error_type}` with the same type in `X-Fal-Error-Type`. Retry hints come from `X-Fal-Retryable`
 * or the older `X-Fal-Needs-Retry`; a 504 from the caller's own start timeout is never retried.
 */
export const parseFalError = createErrorParser((body, { status, headers }) => {
  const headerCode = headers.get('x-fal-error-type')?.trim() || undefined;
  const isRetryable = falRetryable(status, headers);
  if (!isRecord(body)) return { providerCode: headerCode, isRetryable };

  const detail = body['detail'];
  if (Array.isArray(detail)) {
    const issues = detail.map(describeIssue).filter((text) => text !== '');
    const first: unknown = detail[0];
    return {
      detail: issues.length > 0 ? issues.join('; ') : undefined,
      providerCode: (isRecord(first) ? stringField(first, 'type') : undefined) ?? headerCode,
      param: isRecord(first) ? fieldOf(first) : undefined,
      isRetryable,
    };
  }
  return {
    detail:
      typeof detail === 'string' ? detail : (stringField(body, 'error') ?? stringField(body, 'message')),
    providerCode: stringField(body, 'error_type') ?? headerCode,
    isRetryable,
  };
});

function falRetryable(status: number, headers: Headers): boolean {
  if (status === 504 && headers.get('x-fal-request-timeout-type')?.trim().toLowerCase() === 'user') {
    return false;
  }
  return (
    booleanHeader(headers, 'x-fal-retryable') ??
    booleanHeader(headers, 'x-fal-needs-retry') ??
    isRetryableStatus(status)
  );
}

function describeIssue(issue: unknown): string {
  if (typeof issue === 'string') return issue;
  if (!isRecord(issue)) return '';
  const loc = Array.isArray(issue['loc']) ? issue['loc'].map(String).join('.') : undefined;
  const message = stringField(issue, 'msg') ?? stringField(issue, 'message') ?? 'invalid value';
  return loc ? `${loc}: ${message}` : message;
}

/** The input field of a validation issue: `loc` is `['body', field, …]`, and the body is the input itself. */
function fieldOf(issue: Record<string, unknown>): string | undefined {
  const loc = issue['loc'];
  if (!Array.isArray(loc) || loc[0] !== 'body' || loc.length < 2) return undefined;
  return loc.slice(1).map(String).join('.');
}
