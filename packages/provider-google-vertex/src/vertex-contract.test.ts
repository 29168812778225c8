import { runProviderContract } from '@reelay/testing/contract';
import { startVertexSimulator, type VertexSimulator } from './simulator/vertex-simulator';
import { createGoogleVertex } from './vertex-provider';

// Vertex has no API key: the provider signs in with the simulator's service-account key file.
let simulator: VertexSimulator;

runProviderContract({
  name: 'google-vertex',
  startSimulator: async () => {
    simulator = await startVertexSimulator();
    return simulator;
  },
  createProvider: ({ baseURL }) =>
    createGoogleVertex({
      baseURL,
      project: simulator.project,
      location: simulator.location,
      credentials: simulator.credentialsFile,
    }),
  model: 'veo-3.1',
});
