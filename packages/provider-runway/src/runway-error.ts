import { createErrorParser } from '@reelay/provider-utils';

/**
 * Runway's error body is `{"error": "<human readable>"}` (docs.dev.runwayml.com/errors/errors); validation
 * errors may add fields that are not documented, so only `error` is read.
 */
export const parseRunwayError = createErrorParser((body) => {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as Record<string, unknown>)['error'];
  return typeof error === 'string' && error.trim() !== '' ? { detail: error } : {};
});
