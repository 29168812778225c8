import type { ProviderSandbox, ProviderSandboxOptions } from '@reelay/core';
import type { OpenAIProviderSettings } from './openai-settings';

/**
 * Starts the OpenAI simulator and points the adapter at it. `@reelay/testing` is imported here, at call
 * time, so a production install without sandbox mode never loads it.
 */
export async function startOpenAISandbox(
  options: ProviderSandboxOptions,
): Promise<ProviderSandbox<OpenAIProviderSettings>> {
  const { startOpenAISimulator } = await import('@reelay/testing');
  const simulator = await startOpenAISimulator({
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
