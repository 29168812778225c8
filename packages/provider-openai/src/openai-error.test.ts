import { UpstreamError } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { parseOpenAIError } from './openai-error';

type Case = {
  name: string;
  status: number;
  body: string;
  headers?: Record<string, string>;
  expected: {
    message: string;
    providerCode?: string | undefined;
    upstreamParam?: string | undefined;
    isRetryable: boolean;
    retryAfterMs?: number | undefined;
  };
};

const cases: Case[] = [
  {
    name: 'invalid parameter with param',
    status: 400,
    body: JSON.stringify({
      error: {
        message: 'Unsupported value.',
        type: 'invalid_request_error',
        param: 'seconds',
        code: 'invalid_value',
      },
    }),
    expected: {
      message: 'openai: HTTP 400 Bad Request: Unsupported value. (param: seconds)',
      providerCode: 'invalid_value',
      upstreamParam: 'seconds',
      isRetryable: false,
    },
  },
  {
    name: 'code null falls back to type',
    status: 401,
    body: JSON.stringify({
      error: { message: 'No key.', type: 'invalid_request_error', param: null, code: null },
    }),
    expected: {
      message: 'openai: HTTP 401 Unauthorized: No key.',
      providerCode: 'invalid_request_error',
      isRetryable: false,
    },
  },
  {
    name: 'rate limit with retry-after-ms',
    status: 429,
    body: JSON.stringify({ error: { message: 'Slow down.', type: 'requests', code: 'rate_limit_exceeded' } }),
    headers: { 'retry-after-ms': '1500', 'retry-after': '9' },
    expected: {
      message: 'openai: HTTP 429 Too Many Requests: Slow down.',
      providerCode: 'rate_limit_exceeded',
      isRetryable: true,
      retryAfterMs: 1500,
    },
  },
  {
    name: 'x-should-retry: false beats a 5xx',
    status: 500,
    body: JSON.stringify({ error: { message: 'Boom.', type: 'server_error' } }),
    headers: { 'x-should-retry': 'false' },
    expected: {
      message: 'openai: HTTP 500 Internal Server Error: Boom.',
      providerCode: 'server_error',
      isRetryable: false,
    },
  },
  {
    name: 'x-should-retry: true beats a 4xx',
    status: 400,
    body: JSON.stringify({ error: { message: 'Try again.', type: 'invalid_request_error' } }),
    headers: { 'x-should-retry': 'true' },
    expected: {
      message: 'openai: HTTP 400 Bad Request: Try again.',
      providerCode: 'invalid_request_error',
      isRetryable: true,
    },
  },
  {
    name: 'error as a plain string',
    status: 404,
    body: JSON.stringify({ error: 'Video not found' }),
    expected: { message: 'openai: HTTP 404 Not Found: Video not found', isRetryable: false },
  },
  {
    name: 'empty body',
    status: 502,
    body: '',
    expected: { message: 'openai: HTTP 502 Bad Gateway', isRetryable: true },
  },
  {
    name: 'HTML from a proxy',
    status: 503,
    body: '<html>\n  <body>Service Unavailable</body>\n</html>',
    headers: { 'retry-after': '3' },
    expected: {
      message: 'openai: HTTP 503 Service Unavailable: <html> <body>Service Unavailable</body> </html>',
      isRetryable: true,
      retryAfterMs: 3000,
    },
  },
];

describe('parseOpenAIError', () => {
  it.each(cases)('$name', ({ status, body, headers, expected }) => {
    const error = parseOpenAIError({
      status,
      headers: new Headers(headers),
      bodyText: body,
      provider: 'openai',
      url: 'https://api.openai.com/v1/videos',
    });
    expect(error.message).toBe(expected.message);
    expect(error.providerCode).toBe(expected.providerCode);
    expect(error.upstreamParam).toBe(expected.upstreamParam);
    expect(error.isRetryable).toBe(expected.isRetryable);
    expect(error.retryAfterMs).toBe(expected.retryAfterMs);
    expect(error.statusCode).toBe(status);
    expect(error.nothingCreated).toBe(true);
    expect(error.url).toBe('https://api.openai.com/v1/videos');
  });
});

describe('parseOpenAIError on bodies it was not written for', () => {
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
      const error = parseOpenAIError({
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
