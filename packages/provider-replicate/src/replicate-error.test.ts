import { UpstreamError } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { parseReplicateError } from './replicate-error';

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
    name: 'problem+json with title and detail',
    status: 422,
    body: {
      type: 'https://replicate.com/docs/errors/input-validation',
      title: 'Input validation failed',
      status: 422,
      detail: '- input.seconds: seconds must be one of the following: 4, 8, 12',
      invalid_fields: [{ type: 'enum', field: 'input.seconds', description: 'must be one of 4, 8, 12' }],
    },
    expected: {
      message:
        'replicate: HTTP 422 Unprocessable Entity: Input validation failed: - input.seconds: seconds must be one of the following: 4, 8, 12',
      providerCode: 'input-validation',
      upstreamParam: 'seconds',
      isRetryable: false,
    },
  },
  {
    name: 'throttled, delay only in the text',
    status: 429,
    body: { detail: 'Request was throttled. Your rate limit resets in ~30s.', status: 429 },
    expected: {
      message:
        'replicate: HTTP 429 Too Many Requests: Request was throttled. Your rate limit resets in ~30s.',
      isRetryable: true,
      retryAfterMs: 30_000,
    },
  },
  {
    name: 'Retry-After header beats the text',
    status: 429,
    body: { detail: 'Request was throttled. Your rate limit resets in ~30s.', status: 429 },
    headers: { 'retry-after': '5' },
    expected: {
      message:
        'replicate: HTTP 429 Too Many Requests: Request was throttled. Your rate limit resets in ~30s.',
      isRetryable: true,
      retryAfterMs: 5000,
    },
  },
  {
    name: 'detail only',
    status: 404,
    body: { detail: 'Not found.', status: 404 },
    expected: { message: 'replicate: HTTP 404 Not Found: Not found.', isRetryable: false },
  },
  {
    name: 'title only',
    status: 401,
    body: { title: 'Unauthenticated', status: 401 },
    expected: { message: 'replicate: HTTP 401 Unauthorized: Unauthenticated', isRetryable: false },
  },
  {
    name: 'empty 500',
    status: 500,
    body: '',
    expected: { message: 'replicate: HTTP 500 Internal Server Error', isRetryable: true },
  },
];

describe('parseReplicateError', () => {
  it.each(cases)('$name', ({ status, body, headers, expected }) => {
    const error = parseReplicateError({
      status,
      headers: new Headers(headers),
      bodyText: typeof body === 'string' ? body : JSON.stringify(body),
      provider: 'replicate',
      url: 'https://api.replicate.com/v1/predictions',
    });
    expect(error.message).toBe(expected.message);
    expect(error.providerCode).toBe(expected.providerCode);
    expect(error.upstreamParam).toBe(expected.upstreamParam);
    expect(error.isRetryable).toBe(expected.isRetryable);
    expect(error.retryAfterMs).toBe(expected.retryAfterMs);
    expect(error.nothingCreated).toBe(true);
  });
});

describe('parseReplicateError on bodies it was not written for', () => {
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
      const error = parseReplicateError({
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
