import { LoadApiKeyError } from '@reelay/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadApiKey } from './load-api-key';

const variable = 'REELAY_TEST_LOAD_API_KEY';

afterEach(() => {
  delete process.env[variable];
});

describe('loadApiKey', () => {
  it('prefers the setting', () => {
    process.env[variable] = 'from-env';
    expect(loadApiKey({ apiKey: 'from-setting', environmentVariableName: variable, provider: 'fal' })).toBe(
      'from-setting',
    );
  });

  it('falls back to the environment at call time', () => {
    process.env[variable] = ' from-env ';
    expect(loadApiKey({ environmentVariableName: variable, provider: 'fal' })).toBe('from-env');
  });

  it.each([undefined, '', '   '])(
    'throws LoadApiKeyError naming both places when the key is %j',
    (apiKey) => {
      process.env[variable] = '';
      let thrown: unknown;
      try {
        loadApiKey({ apiKey, environmentVariableName: variable, provider: 'fal' });
      } catch (error) {
        thrown = error;
      }
      expect(LoadApiKeyError.isInstance(thrown)).toBe(true);
      expect((thrown as Error).message).toContain(variable);
      expect((thrown as Error).message).toContain("'apiKey'");
    },
  );
});
