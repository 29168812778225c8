import { describe, expect, it } from 'vitest';
import { parseGoogleError } from './google-error';

const parse = (body: unknown, status = 400) =>
  parseGoogleError({
    status,
    headers: new Headers(),
    bodyText: JSON.stringify(body),
    provider: 'google',
    url: 'https://generativelanguage.googleapis.com/v1beta/models/veo:predictLongRunning',
  });

describe('parseGoogleError names the field at fault', () => {
  it.each<[string, unknown, string | undefined]>([
    [
      'a BadRequest field violation',
      {
        error: {
          code: 400,
          message: 'Invalid value at durationSeconds',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.BadRequest',
              fieldViolations: [{ field: 'parameters.durationSeconds', description: 'must be 4, 6 or 8' }],
            },
          ],
        },
      },
      'parameters.durationSeconds',
    ],
    [
      'an unknown top-level name',
      {
        error: {
          code: 400,
          message: 'Invalid JSON payload received. Unknown name "foo": Cannot find field.',
          status: 'INVALID_ARGUMENT',
        },
      },
      'foo',
    ],
    [
      'an unknown nested name',
      {
        error: {
          code: 400,
          message: `Invalid JSON payload received. Unknown name "foo" at 'parameters': Cannot find field.`,
          status: 'INVALID_ARGUMENT',
        },
      },
      'parameters.foo',
    ],
    [
      'nothing named',
      { error: { code: 400, message: 'Bad prompt.', status: 'INVALID_ARGUMENT' } },
      undefined,
    ],
  ])('%s', (_name, body, param) => {
    const error = parse(body);
    expect(error.upstreamParam).toBe(param);
    expect(error.providerCode).toBe('INVALID_ARGUMENT');
  });
});
