import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { XaiProviderSettings } from './xai-settings';

/**
 * Starts the xAI simulator and points the adapter at it. The simulator (and `@reelay/testing`) is imported
 * here, at call time, so a production install never loads it.
 */
export async function startXaiSandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<XaiProviderSettings>> {
  const { startXaiSimulator } = await import('./simulator/xai-simulator');
  const simulator = await startXaiSimulator({
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
