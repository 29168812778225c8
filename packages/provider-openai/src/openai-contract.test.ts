import { startOpenAISimulator } from '@reelay/testing';
import { runProviderContract } from '@reelay/testing/contract';
import { createOpenAI } from './openai-provider';

runProviderContract({
  name: 'openai',
  startSimulator: () => startOpenAISimulator(),
  createProvider: ({ baseURL, apiKey }) => createOpenAI({ baseURL, apiKey }),
  variants: ['video', 'thumbnail', 'spritesheet'],
});
