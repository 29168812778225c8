import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from './invalid-request-error';
import { ReelayError } from './reelay-error';
import { toOpenAIError } from './to-openai-error';
import { UpstreamError } from './upstream-error';

describe('ReelayError', () => {
  it('is recognised by its marker, as a second copy of core would see it', () => {
    const fromAnotherCopy = Object.assign(new Error('x'), {
      [Symbol.for('reelay.error')]: true,
      [Symbol.for('reelay.error.UpstreamError')]: true,
    });
    expect(ReelayError.isInstance(fromAnotherCopy)).toBe(true);
    expect(UpstreamError.isInstance(fromAnotherCopy)).toBe(true);
    expect(InvalidRequestError.isInstance(fromAnotherCopy)).toBe(false);
    expect(ReelayError.isInstance(new Error('plain'))).toBe(false);
  });

  it.each([
    {
      error: new InvalidRequestError({ param: 'size', message: 'size is wrong' }),
      status: 400,
      body: { message: 'size is wrong', type: 'invalid_request_error', param: 'size', code: 'invalid_value' },
    },
    {
      error: new UpstreamError({
        provider: 'fal',
        message: 'busy',
        statusCode: 429,
        isRetryable: true,
        nothingCreated: true,
      }),
      status: 429,
      body: { message: 'fal: busy', type: 'upstream_error', param: null, code: 'upstream_429' },
    },
    {
      error: new UpstreamError({
        provider: 'fal',
        message: 'down',
        statusCode: 503,
        isRetryable: true,
        nothingCreated: true,
      }),
      status: 502,
      body: { message: 'fal: down', type: 'upstream_error', param: null, code: 'upstream_503' },
    },
    {
      error: new TypeError('secret internals'),
      status: 500,
      body: { type: 'server_error', param: null, code: 'internal_error' },
    },
  ])('maps to OpenAI error shape: $body.code', ({ error, status, body }) => {
    const mapped = toOpenAIError(error);
    expect(mapped.status).toBe(status);
    expect(mapped.body.error).toMatchObject(body);
    expect(JSON.stringify(mapped.body)).not.toContain('secret internals');
  });
});
