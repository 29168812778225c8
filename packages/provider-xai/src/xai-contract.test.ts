import { runProviderContract } from '@reelay/testing/contract';
import { startXaiSimulator } from './simulator/xai-simulator';
import { createXai } from './xai-provider';

runProviderContract({
  name: 'xai',
  startSimulator: () => startXaiSimulator(),
  createProvider: ({ baseURL, apiKey }) => createXai({ baseURL, apiKey }),
  model: 'grok-imagine-video',
});
