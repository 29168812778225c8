export { openAIOfferings } from './openai-offerings';
export { plugin } from './openai-plugin';
export { createOpenAI, type OpenAIProvider, type OpenAIProviderSettings } from './openai-provider';
export { VERSION } from './version';
