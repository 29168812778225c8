export { openAIOfferings } from './openai-offerings';
export { plugin } from './openai-plugin';
export { createOpenAI, type OpenAIProvider } from './openai-provider';
export type { OpenAIProviderSettings } from './openai-settings';
export { VERSION } from './version';
