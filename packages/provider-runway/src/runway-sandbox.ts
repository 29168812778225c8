import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { RunwayProviderSettings } from './runway-settings';

/**
 * Starts the Runway simulator and points the adapter at it. The simulator (and `@reelay/testing`) is imported
 * here, at call time, so a production install never loads it.
 */
export async function startRunwaySandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<RunwayProviderSettings>> {
  const { startRunwaySimulator } = await import('./simulator/runway-simulator');
  const simulator = await startRunwaySimulator({
    behavior: options.behavior,
    stateDir: options.dataDir,
  });
  return {
    settings: { apiKey: simulator.apiKey, baseURL: simulator.baseURL },
    origins: [simulator.origin],
    simulator,
    close: () => simulator.close(),
  };
}
