import type { ProviderPlugin } from '@reelay/core';
import { createReplicate } from './replicate-provider';
import { startReplicateSandbox } from './replicate-sandbox';
import { type ReplicateProviderSettings, replicateSettingsSchema } from './replicate-settings';
import { VERSION } from './version';

/** What a gateway loads by package name: settings, environment variables, sandbox and webhooks. */
export const plugin: ProviderPlugin<ReplicateProviderSettings> = {
  specificationVersion: 'v1',
  id: 'replicate',
  name: 'Replicate',
  version: VERSION,
  settingsSchema: replicateSettingsSchema,
  env: [
    {
      name: 'REPLICATE_API_TOKEN',
      setting: 'apiKey',
      kind: 'credential',
      description: 'Replicate API token',
    },
    {
      name: 'REPLICATE_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'Replicate API base URL (default https://api.replicate.com/v1)',
    },
    {
      name: 'REPLICATE_WEBHOOK_SECRET',
      setting: 'webhookSecret',
      kind: 'webhook-secret',
      description: 'whsec_ secret from GET /v1/webhooks/default/secret',
    },
  ],
  create: createReplicate,
  sandbox: startReplicateSandbox,
  webhook: { urlSetting: 'webhookUrl' },
};
