import { UpstreamError } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { createErrorParser } from './create-error-parser';
import { parseHttpError } from './parse-http-error';

// Each plugin's own parser runs the same odd bodies in its tests; here the generic ones, and a parser whose
// reading code throws on every body.
const throwingParser = createErrorParser(() => {
  throw new Error('a parser bug');
});
const parsers = { parseHttpError, throwingParser };

const oddBodies = [
  '',
  '   ',
  'not json at all',
  '{"truncated": ',
  'null',
  '[]',
  '[1,2,3]',
  '"just a string"',
  '42',
  'true',
  '{}',
  '{"error":null}',
  '{"error":{"message":{"nested":true},"code":17}}',
  '{"detail":{"weird":1}}',
  '{"detail":[[["deep"]]]}',
  '{"title":5,"detail":false}',
  'x'.repeat(20_000),
];

describe.each(Object.entries(parsers))('%s never throws', (_name, parser) => {
  it.each(oddBodies.map((body) => [body.slice(0, 30), body]))('body %j', (_label, body) => {
    for (const status of [400, 418, 429, 500, 599]) {
      const error = parser({
        status,
        headers: new Headers(),
        bodyText: body,
        provider: 'p',
        url: 'https://x.test/a',
      });
      expect(UpstreamError.isInstance(error)).toBe(true);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message.length).toBeLessThan(400);
      expect(error.statusCode).toBe(status);
    }
  });
});

describe('parseHttpError', () => {
  it.each([
    ['{"error":{"message":"m1","code":"c1"}}', 'p: HTTP 400 Bad Request: m1', 'c1'],
    ['{"message":"m2","code":400}', 'p: HTTP 400 Bad Request: m2', '400'],
    ['{"detail":"m3","type":"t3"}', 'p: HTTP 400 Bad Request: m3', 't3'],
  ])('%s', (body, message, providerCode) => {
    const error = parseHttpError({
      status: 400,
      headers: new Headers(),
      bodyText: body,
      provider: 'p',
      url: 'u',
    });
    expect(error.message).toBe(message);
    expect(error.providerCode).toBe(providerCode);
  });
});
