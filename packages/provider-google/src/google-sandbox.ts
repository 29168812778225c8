import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { GoogleProviderSettings } from './google-settings';

/**
 * Starts the Gemini simulator and points the adapter at it. The simulator (and `@reelay/testing`) is imported
 * here, at call time, so a production install never loads it.
 */
export async function startGoogleSandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<GoogleProviderSettings>> {
  const { startGeminiSimulator } = await import('./simulator/gemini-simulator');
  const simulator = await startGeminiSimulator({
    behavior: options.behavior,
    stateDir: options.dataDir,
  });
  return {
    settings: {
      apiKey: simulator.apiKey,
      baseURL: simulator.baseURL,
      downloadOrigins: [simulator.storageOrigin],
    },
    origins: [simulator.origin, simulator.storageOrigin],
    simulator,
    close: () => simulator.close(),
  };
}
