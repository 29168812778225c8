import type { ProviderPlugin } from '@reelay/core';
import { VERSION } from './version';
import { createXai } from './xai-provider';
import { startXaiSandbox } from './xai-sandbox';
import { type XaiProviderSettings, xaiSettingsSchema } from './xai-settings';

/** What a gateway loads by package name: settings, environment variables and sandbox. xAI sends no webhooks. */
export const plugin: ProviderPlugin<XaiProviderSettings> = {
  specificationVersion: 'v1',
  id: 'xai',
  name: 'xAI',
  version: VERSION,
  settingsSchema: xaiSettingsSchema,
  env: [
    { name: 'XAI_API_KEY', setting: 'apiKey', kind: 'credential', description: 'xAI API key' },
    {
      name: 'XAI_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'xAI API base URL (default https://api.x.ai/v1)',
    },
  ],
  create: createXai,
  sandbox: startXaiSandbox,
  webhook: undefined,
};
