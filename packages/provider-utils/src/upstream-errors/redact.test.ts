import { describe, expect, it } from 'vitest';
import { buildUpstreamError } from './build-upstream-error';
import { redactSecrets, sanitizeUrl } from './redact';

describe('redactSecrets', () => {
  it.each([
    ['exact secret', 'key sk-live-1234567890 leaked', ['sk-live-1234567890'], 'key [REDACTED] leaked'],
    ['token part of a header value', 'got r8_abcdefgh123', ['Bearer r8_abcdefgh123'], 'got [REDACTED]'],
    [
      'bearer scheme without a known secret',
      'Authorization: Bearer abcdefghijklmnop',
      [],
      'Authorization: Bearer [REDACTED]',
    ],
    ['fal Key scheme', 'Authorization: Key 1234abcd:5678efgh', [], 'Authorization: Key [REDACTED]'],
    [
      'secret query parameter',
      'GET https://x.test/a?api_key=s3cr3t&b=1',
      [],
      'GET https://x.test/a?api_key=[REDACTED]&b=1',
    ],
    ['user:password in a URL', 'see https://bob:hunter2@x.test/a', [], 'see https://[REDACTED]@x.test/a'],
    ['short values are left alone', 'a 1 b', ['1'], 'a 1 b'],
  ])('%s', (_name, text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});

describe('sanitizeUrl', () => {
  it.each([
    ['https://user:pw@api.test/v1/videos?key=abc#frag', 'https://api.test/v1/videos'],
    ['http://127.0.0.1:8080/a/b', 'http://127.0.0.1:8080/a/b'],
    ['not a url?token=abc', 'not a url'],
  ])('%s', (url, expected) => {
    expect(sanitizeUrl(url)).toBe(expected);
  });
});

describe('buildUpstreamError redaction', () => {
  it('keeps credentials out of message, url and responseBody', () => {
    const error = buildUpstreamError(
      {
        status: 401,
        headers: new Headers(),
        bodyText: '{"error":"Invalid token: Bearer sk-proj-abcdefghijklmnopqrstuvwxyz"}',
        provider: 'openai',
        url: 'https://user:sk-proj-abcdefghijklmnopqrstuvwxyz@api.test/v1/videos?key=sk-proj-abcdefghijklmnopqrstuvwxyz',
      },
      { detail: 'Invalid token: Bearer sk-proj-abcdefghijklmnopqrstuvwxyz' },
    );
    const everything = `${error.message} ${error.url} ${error.responseBody} ${JSON.stringify(error)}`;
    expect(everything).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz');
    expect(error.message).toContain('HTTP 401');
  });
});
