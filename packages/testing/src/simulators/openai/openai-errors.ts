import type { SimulatorResponse } from '../shared';

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export type OpenAIErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

export function openAIError(
  status: number,
  message: string,
  options: { type?: string; param?: string | null; code?: string | null } = {},
): SimulatorResponse {
  const body: OpenAIErrorBody = {
    error: {
      message,
      type: options.type ?? 'invalid_request_error',
      param: options.param ?? null,
      code: options.code ?? null,
    },
  };
  return { status, json: body };
}

/** A create-body problem, thrown by validation and turned into a 400 by the router. */
export class OpenAIRequestError extends Error {
  readonly response: SimulatorResponse;

  constructor(message: string, param: string | null, code: string | null, status = 400) {
    super(message);
    this.response = openAIError(status, message, { param, code });
  }
}

export function invalidValue(param: string, value: string, allowed: readonly string[]): OpenAIRequestError {
  return new OpenAIRequestError(
    `Invalid value: '${value}'. Supported values are: ${quoteList(allowed)}.`,
    param,
    'invalid_value',
  );
}

export function invalidType(param: string, expected: string, got: unknown): OpenAIRequestError {
  return new OpenAIRequestError(
    `Invalid type for '${param}': expected ${expected}, but got ${describeType(got)} instead.`,
    param,
    'invalid_type',
  );
}

/** `'a', 'b', and 'c'`, the way OpenAI lists allowed values. */
export function quoteList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

/** The real API answers 401 like this, showing only the last characters of a wrong key. */
export function authenticationError(presented: string | undefined): SimulatorResponse {
  if (presented === undefined || presented === '') {
    return openAIError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      { code: null },
    );
  }
  const masked = `${'*'.repeat(Math.max(4, presented.length - 4))}${presented.slice(-4)}`;
  return openAIError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );
}

/** OpenAI's 429 body for the requests-per-minute limit. */
export function rateLimitBody(retryAfterSeconds: number): OpenAIErrorBody {
  return {
    error: {
      message: `Rate limit reached for videos in organization org-simulator on requests per min (RPM): Limit 25, Used 25, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
  };
}

export function videoNotFound(id: string): SimulatorResponse {
  return openAIError(404, `Video with id '${id}' not found.`, { param: 'video_id', code: 'video_not_found' });
}
