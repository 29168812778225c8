import type { ProviderPlugin } from '@reelay/core';
import { createGoogle } from './gemini-provider';
import { startGoogleSandbox } from './google-sandbox';
import { type GoogleProviderSettings, googleSettingsSchema } from './google-settings';
import { VERSION } from './version';

/** What a gateway loads by package name. The Gemini API's `webhookConfig` is not used: jobs are polled. */
export const plugin: ProviderPlugin<GoogleProviderSettings> = {
  specificationVersion: 'v1',
  id: 'google',
  name: 'Google Gemini API',
  version: VERSION,
  settingsSchema: googleSettingsSchema,
  env: [
    { name: 'GEMINI_API_KEY', setting: 'apiKey', kind: 'credential', description: 'Gemini API key' },
    {
      name: 'GEMINI_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'Gemini API base URL (default https://generativelanguage.googleapis.com/v1beta)',
    },
  ],
  create: createGoogle,
  sandbox: startGoogleSandbox,
  webhook: undefined,
};
