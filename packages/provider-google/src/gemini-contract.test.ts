import { runProviderContract } from '@reelay/testing/contract';
import { createGoogle } from './gemini-provider';
import { type GeminiSimulator, startGeminiSimulator } from './simulator/gemini-simulator';

// Downloads redirect to the simulator's storage host, which the provider must be told it may reach on loopback.
let simulator: GeminiSimulator;

runProviderContract({
  name: 'google',
  startSimulator: async () => {
    simulator = await startGeminiSimulator();
    return simulator;
  },
  createProvider: ({ baseURL, apiKey }) =>
    createGoogle({ baseURL, apiKey, downloadOrigins: [simulator.storageOrigin] }),
  model: 'veo-3.1-preview',
});
