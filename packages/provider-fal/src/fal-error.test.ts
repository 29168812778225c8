import { UpstreamError } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { parseFalError } from './fal-error';

type Case = {
  name: string;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  expected: {
    message: string;
    providerCode?: string | undefined;
    upstreamParam?: string | undefined;
    isRetryable: boolean;
    retryAfterMs?: number;
  };
};

const cases: Case[] = [
  {
    name: '422 validation list',
    status: 422,
    body: {
      detail: [
        { loc: ['body', 'duration'], msg: "Input should be '4', '8' or '12'", type: 'literal_error' },
        { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
      ],
    },
    expected: {
      message:
        "fal: HTTP 422 Unprocessable Entity: body.duration: Input should be '4', '8' or '12'; body.prompt: Field required",
      providerCode: 'literal_error',
      upstreamParam: 'duration',
      isRetryable: false,
    },
  },
  {
    name: '422 legacy string detail',
    status: 422,
    body: { detail: 'Image could not be downloaded' },
    expected: {
      message: 'fal: HTTP 422 Unprocessable Entity: Image could not be downloaded',
      isRetryable: false,
    },
  },
  {
    name: 'infrastructure error with error_type and header',
    status: 503,
    body: { detail: 'No runner available', error_type: 'runner_scheduling_failure' },
    headers: { 'x-fal-error-type': 'runner_scheduling_failure' },
    expected: {
      message: 'fal: HTTP 503 Service Unavailable: No runner available',
      providerCode: 'runner_scheduling_failure',
      isRetryable: true,
    },
  },
  {
    name: 'user start timeout is not retried',
    status: 504,
    body: { detail: 'Request timed out', error_type: 'request_timeout' },
    headers: { 'x-fal-request-timeout-type': 'user', 'x-fal-retryable': 'true' },
    expected: {
      message: 'fal: HTTP 504 Gateway Timeout: Request timed out',
      providerCode: 'request_timeout',
      isRetryable: false,
    },
  },
  {
    name: 'other 504 is retried',
    status: 504,
    body: { detail: 'Startup timed out', error_type: 'startup_timeout' },
    expected: {
      message: 'fal: HTTP 504 Gateway Timeout: Startup timed out',
      providerCode: 'startup_timeout',
      isRetryable: true,
    },
  },
  {
    name: 'X-Fal-Retryable: false beats a 5xx',
    status: 500,
    body: { detail: 'Model crashed' },
    headers: { 'x-fal-retryable': 'false' },
    expected: { message: 'fal: HTTP 500 Internal Server Error: Model crashed', isRetryable: false },
  },
  {
    name: 'older X-Fal-Needs-Retry: true beats a 4xx',
    status: 400,
    body: { detail: 'Try again' },
    headers: { 'x-fal-needs-retry': 'true' },
    expected: { message: 'fal: HTTP 400 Bad Request: Try again', isRetryable: true },
  },
  {
    name: 'header-only error type, non-JSON body',
    status: 503,
    body: 'upstream connect error',
    headers: { 'x-fal-error-type': 'runner_disconnected', 'retry-after': '2' },
    expected: {
      message: 'fal: HTTP 503 Service Unavailable: upstream connect error',
      providerCode: 'runner_disconnected',
      isRetryable: true,
      retryAfterMs: 2000,
    },
  },
  {
    name: 'odd detail items',
    status: 422,
    body: { detail: [null, 5, { loc: 'body' }, 'plain text'] },
    expected: {
      message: 'fal: HTTP 422 Unprocessable Entity: invalid value; plain text',
      isRetryable: false,
    },
  },
];

describe('parseFalError', () => {
  it.each(cases)('$name', ({ status, body, headers, expected }) => {
    const error = parseFalError({
      status,
      headers: new Headers(headers),
      bodyText: typeof body === 'string' ? body : JSON.stringify(body),
      provider: 'fal',
      url: 'https://queue.fal.run/fal-ai/veo3.1',
    });
    expect(error.message).toBe(expected.message);
    expect(error.providerCode).toBe(expected.providerCode);
    expect(error.upstreamParam).toBe(expected.upstreamParam);
    expect(error.isRetryable).toBe(expected.isRetryable);
    expect(error.retryAfterMs).toBe(expected.retryAfterMs);
    expect(error.nothingCreated).toBe(true);
  });
});

describe('parseFalError on bodies it was not written for', () => {
  it.each([
    '',
    'not json at all',
    '{"truncated": ',
    'null',
    '[1,2,3]',
    '"just a string"',
    '{"error":{"message":{"nested":true},"code":17}}',
    '{"detail":[[["deep"]]]}',
    '{"title":5,"detail":false}',
    'x'.repeat(20_000),
  ])('never throws, and still says which status came back: %j', (bodyText) => {
    for (const status of [400, 429, 500]) {
      const error = parseFalError({
        status,
        headers: new Headers(),
        bodyText,
        provider: 'p',
        url: 'https://x.test/a',
      });
      expect(UpstreamError.isInstance(error)).toBe(true);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message.length).toBeLessThan(400);
    }
  });
});
