import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { FalProviderSettings } from './fal-settings';

/**
 * Starts the fal queue simulator and points the adapter at it, webhook signing keys included.
 * `@reelay/testing` is imported here, at call time, so a production install never loads it.
 */
export async function startFalSandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<FalProviderSettings>> {
  const { startFalSimulator } = await import('@reelay/testing');
  const simulator = await startFalSimulator({
    behavior: options.behavior,
    stateDir: options.dataDir,
  });
  return {
    settings: { apiKey: simulator.apiKey, baseURL: simulator.baseURL, jwksUrl: simulator.jwksUrl },
    origins: [simulator.origin],
    simulator,
    close: () => simulator.close(),
  };
}
