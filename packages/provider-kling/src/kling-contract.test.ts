import { runProviderContract } from '@reelay/testing/contract';
import { createKling } from './kling-provider';
import { startKlingSimulator } from './simulator/kling-simulator';

runProviderContract({
  name: 'kling',
  startSimulator: () => startKlingSimulator(),
  createProvider: ({ baseURL, apiKey }) => createKling({ baseURL, apiKey }),
  model: 'kling-3',
});
