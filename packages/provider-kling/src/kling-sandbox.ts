import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { KlingProviderSettings } from './kling-settings';

/**
 * Starts the Kling simulator and points the adapter at it. The simulator (and `@reelay/testing`) is imported
 * here, at call time, so a production install never loads it.
 */
export async function startKlingSandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<KlingProviderSettings>> {
  const { startKlingSimulator } = await import('./simulator/kling-simulator');
  const simulator = await startKlingSimulator({
    behavior: options.behavior,
    stateDir: options.dataDir,
  });
  return {
    settings: { accessKey: simulator.accessKey, secretKey: simulator.secretKey, baseURL: simulator.baseURL },
    origins: [simulator.origin],
    simulator,
    close: () => simulator.close(),
  };
}
