import type { ProviderPlugin } from '@reelay/core';
import { createRunway } from './runway-provider';
import { startRunwaySandbox } from './runway-sandbox';
import { type RunwayProviderSettings, runwaySettingsSchema } from './runway-settings';
import { VERSION } from './version';

/** What a gateway loads by package name: settings, environment variables and sandbox. Runway sends no webhooks. */
export const plugin: ProviderPlugin<RunwayProviderSettings> = {
  specificationVersion: 'v1',
  id: 'runway',
  name: 'Runway',
  version: VERSION,
  settingsSchema: runwaySettingsSchema,
  env: [
    { name: 'RUNWAYML_API_SECRET', setting: 'apiKey', kind: 'credential', description: 'Runway API secret' },
    {
      name: 'RUNWAY_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'Runway API base URL (default https://api.dev.runwayml.com)',
    },
  ],
  create: createRunway,
  sandbox: startRunwaySandbox,
  webhook: undefined,
};
