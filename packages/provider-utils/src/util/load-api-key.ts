import { LoadApiKeyError } from '@reelay/core';

/**
 * The credential from the `apiKey` setting, else from the environment variable. Read at call time, so a key
 * set after import is still found. Throws `LoadApiKeyError` naming both places when neither has one.
 */
export function loadApiKey(options: {
  apiKey?: string | undefined;
  environmentVariableName: string;
  provider: string;
}): string {
  const fromSetting = options.apiKey?.trim();
  if (fromSetting) return fromSetting;

  const fromEnvironment = process.env[options.environmentVariableName]?.trim();
  if (fromEnvironment) return fromEnvironment;

  throw new LoadApiKeyError({
    provider: options.provider,
    environmentVariableName: options.environmentVariableName,
  });
}
