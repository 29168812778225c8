import { createErrorParser } from './create-error-parser';
import { isRecord, stringField } from './json-body';

/**
 * A parser for providers without a known error shape: takes `error.message`, `error`, `message`, `detail`
 * or `title`, whichever comes first, and `code`/`type` as the provider code.
 */
export const parseHttpError = createErrorParser((body) => {
  if (!isRecord(body)) return {};
  const nested = isRecord(body['error']) ? body['error'] : undefined;
  return {
    detail:
      (nested && stringField(nested, 'message')) ??
      stringField(body, 'error') ??
      stringField(body, 'message') ??
      stringField(body, 'detail') ??
      stringField(body, 'title'),
    providerCode: (nested && codeField(nested)) ?? codeField(body),
  };
});

function codeField(record: Record<string, unknown>): string | undefined {
  const code = record['code'];
  if (typeof code === 'number') return String(code);
  return stringField(record, 'code') ?? stringField(record, 'type');
}
