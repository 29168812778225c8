import type { UpstreamError } from '@reelay/core';
import { buildUpstreamError, type ParsedUpstreamError } from './build-upstream-error';
import { tryParseJson } from './json-body';
import type { UpstreamErrorParser, UpstreamErrorResponse } from './upstream-error-parser';

/**
 * An `UpstreamErrorParser` from a function that reads one provider's error body. The body arrives
 * JSON-parsed (`undefined` when empty or not JSON); if `interpret` throws on an odd body, the error is still
 * built from the status and raw text, so parsing an error never fails.
 */
export function createErrorParser(
  interpret: (body: unknown, response: UpstreamErrorResponse) => ParsedUpstreamError,
): UpstreamErrorParser {
  return (response): UpstreamError => {
    let parsed: ParsedUpstreamError = {};
    try {
      parsed = interpret(tryParseJson(response.bodyText), response);
    } catch {
      parsed = {};
    }
    return buildUpstreamError(response, parsed);
  };
}
