import { runProviderContract } from '@reelay/testing/contract';
import { createRunway } from './runway-provider';
import { startRunwaySimulator } from './simulator/runway-simulator';

runProviderContract({
  name: 'runway',
  startSimulator: () => startRunwaySimulator(),
  createProvider: ({ baseURL, apiKey }) => createRunway({ baseURL, apiKey }),
  model: 'runway-gen-4.5',
});
