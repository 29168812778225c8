import type { SimulatorResponse } from '../shared';
import type { InvalidField } from './replicate-validate';

/** Replicate answers errors as RFC 7807 problem documents. */
export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): SimulatorResponse {
  return {
    status,
    json: { title, detail, status, ...extra },
    headers: { 'content-type': 'application/problem+json' },
  };
}

/** 422 with one `- field: message` line per problem in `detail`, and the list in `invalid_fields`. */
export function invalidInput(invalid: InvalidField[]): SimulatorResponse {
  const detail = invalid.map((field) => `- ${field.field}: ${field.description}\n`).join('');
  return problem(422, 'Input validation failed', detail, { invalid_fields: invalid });
}

export function rateLimitBody(retryAfterSeconds: number): unknown {
  return {
    title: 'Too Many Requests',
    detail: `Request was throttled. Your rate limit resets in ~${retryAfterSeconds}s.`,
    status: 429,
  };
}
