import type { ProviderPlugin } from '@reelay/core';
import { createKling } from './kling-provider';
import { startKlingSandbox } from './kling-sandbox';
import { type KlingProviderSettings, klingSettingsSchema } from './kling-settings';
import { VERSION } from './version';

/** What a gateway loads by package name. Kling's `callback_url` posts are unsigned, so jobs are polled. */
export const plugin: ProviderPlugin<KlingProviderSettings> = {
  specificationVersion: 'v1',
  id: 'kling',
  name: 'Kling AI',
  version: VERSION,
  settingsSchema: klingSettingsSchema,
  env: [
    {
      name: 'KLING_API_KEY',
      setting: 'apiKey',
      kind: 'credential',
      description: 'Kling API key (a Bearer token)',
    },
    {
      name: 'KLING_ACCESS_KEY',
      setting: 'accessKey',
      kind: 'credential',
      description: 'Kling access key; with KLING_SECRET_KEY, signs short-lived JWTs',
    },
    {
      name: 'KLING_SECRET_KEY',
      setting: 'secretKey',
      kind: 'setting',
      description: 'Kling secret key that signs the JWTs (never sent)',
    },
    {
      name: 'KLING_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'Kling API base URL (default https://api-singapore.klingai.com)',
    },
  ],
  create: createKling,
  sandbox: startKlingSandbox,
  webhook: undefined,
};
