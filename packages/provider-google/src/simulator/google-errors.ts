import type { SimulatorResponse } from '@reelay/testing';

/** A `google.rpc.Status` error answer, as every Google API sends it. */
export function googleError(
  httpStatus: number,
  status: string,
  message: string,
  details: unknown[] = [],
): SimulatorResponse {
  return {
    status: httpStatus,
    json: { error: { code: httpStatus, message, status, ...(details.length > 0 ? { details } : {}) } },
  };
}

/** The 429 body Google sends, with the `RetryInfo` detail its clients read. */
export function googleRateLimitBody(retryAfterSeconds: number) {
  return {
    error: {
      code: 429,
      message: 'Resource has been exhausted (e.g. check quota).',
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` }],
    },
  };
}
