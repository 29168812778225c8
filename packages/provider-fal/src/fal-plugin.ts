import type { ProviderPlugin } from '@reelay/core';
import { createFal } from './fal-provider';
import { startFalSandbox } from './fal-sandbox';
import { type FalProviderSettings, falSettingsSchema } from './fal-settings';
import { VERSION } from './version';

/** What a gateway loads by package name: settings, environment variables, sandbox and webhooks. */
export const plugin: ProviderPlugin<FalProviderSettings> = {
  specificationVersion: 'v1',
  id: 'fal',
  name: 'fal.ai',
  version: VERSION,
  settingsSchema: falSettingsSchema,
  env: [
    { name: 'FAL_KEY', setting: 'apiKey', kind: 'credential', description: 'fal API key' },
    {
      name: 'FAL_QUEUE_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'fal queue base URL (default https://queue.fal.run)',
    },
    {
      name: 'FAL_PLATFORM_BASE_URL',
      setting: 'platformBaseURL',
      kind: 'base-url',
      description:
        'fal platform API base URL, to look up interrupted submits (default https://api.fal.ai/v1)',
    },
  ],
  create: createFal,
  sandbox: startFalSandbox,
  webhook: { urlSetting: 'webhookUrl' },
};
