import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { ReplicateProviderSettings } from './replicate-settings';

/**
 * Starts the Replicate simulator and points the adapter at it. `@reelay/testing` is imported here, at
 * call time, so a production install never loads it.
 */
export async function startReplicateSandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<ReplicateProviderSettings>> {
  const { startReplicateSimulator } = await import('@reelay/testing');
  const simulator = await startReplicateSimulator({
    behavior: options.behavior,
    stateDir: options.dataDir,
  });
  return {
    settings: {
      apiKey: simulator.apiKey,
      baseURL: simulator.baseURL,
      webhookSecret: simulator.webhookSecret,
    },
    origins: [simulator.origin],
    simulator,
    close: () => simulator.close(),
  };
}
