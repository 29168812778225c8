import type { ProviderPlugin } from '@reelay/core';
import { createOpenAI, type OpenAIProviderSettings } from './openai-provider';
import { settingsSchema } from './openai-settings';

export { openAIOfferings } from './openai-offerings';
export { createOpenAI, type OpenAIProvider, type OpenAIProviderSettings } from './openai-provider';
export { VERSION } from './version';

/** Loaded by the gateway from config: `plugin.create(plugin.settingsSchema.parse(section))`. */
export const plugin: ProviderPlugin<OpenAIProviderSettings> = {
  id: 'openai',
  settingsSchema,
  create: createOpenAI,
};
