import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { GoogleVertexProviderSettings } from './google-vertex-settings';

/**
 * Starts the Vertex AI simulator (with its token endpoint and a service-account key file) and points the
 * adapter at it. The simulator is imported at call time, so a production install never loads it.
 */
export async function startVertexSandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<GoogleVertexProviderSettings>> {
  const { startVertexSimulator } = await import('./simulator/vertex-simulator');
  const simulator = await startVertexSimulator({
    behavior: options.behavior,
    stateDir: options.dataDir,
  });
  return {
    settings: {
      baseURL: simulator.baseURL,
      project: simulator.project,
      location: simulator.location,
      credentials: simulator.credentialsFile,
    },
    origins: [simulator.origin],
    simulator,
    close: () => simulator.close(),
  };
}
