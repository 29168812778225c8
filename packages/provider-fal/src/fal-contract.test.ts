import { startFalSimulator } from '@reelay/testing';
import { runProviderContract } from '@reelay/testing/contract';
import { createFal } from './fal-provider';

runProviderContract({
  name: 'fal',
  startSimulator: () => startFalSimulator(),
  createProvider: ({ baseURL, apiKey }) => createFal({ baseURL, apiKey }),
  model: 'sora-2-pro',
  variants: ['video', 'thumbnail', 'spritesheet'],
});
