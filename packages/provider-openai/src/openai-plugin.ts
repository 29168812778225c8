import type { ProviderPlugin } from '@reelay/core';
import { createOpenAI } from './openai-provider';
import { startOpenAISandbox } from './openai-sandbox';
import { type OpenAIProviderSettings, openAISettingsSchema } from './openai-settings';
import { VERSION } from './version';

/** What a gateway loads by package name: settings, environment variables, sandbox and webhooks. */
export const plugin: ProviderPlugin<OpenAIProviderSettings> = {
  specificationVersion: 'v1',
  id: 'openai',
  name: 'OpenAI',
  version: VERSION,
  settingsSchema: openAISettingsSchema,
  env: [
    { name: 'OPENAI_API_KEY', setting: 'apiKey', kind: 'credential', description: 'OpenAI API key' },
    {
      name: 'OPENAI_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'OpenAI API base URL (default https://api.openai.com/v1)',
    },
    {
      name: 'OPENAI_WEBHOOK_SECRET',
      setting: 'webhookSecret',
      kind: 'webhook-secret',
      description: 'whsec_ secret of the project webhook that delivers video.completed',
    },
  ],
  create: createOpenAI,
  sandbox: startOpenAISandbox,
  // The webhook URL is registered in OpenAI's dashboard, not sent per request.
  webhook: { urlSetting: undefined },
};
