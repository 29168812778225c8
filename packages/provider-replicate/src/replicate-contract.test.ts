import { startReplicateSimulator } from '@reelay/testing';
import { runProviderContract } from '@reelay/testing/contract';
import { createReplicate } from './replicate-provider';

runProviderContract({
  name: 'replicate',
  startSimulator: () => startReplicateSimulator(),
  createProvider: ({ baseURL, apiKey }) => createReplicate({ baseURL, apiKey }),
  model: 'sora-2-pro',
});
