import { join } from 'node:path';
import type { ProviderSandbox } from '@reelay/core';
import type { ConfiguredPlugin } from './config';
import type { PluginConnection } from './providers';

/** Every plugin's simulators, running in this process on loopback ports. */
export type Sandbox = {
  /** Each plugin with the settings that point its real adapter at its simulator. */
  connections: PluginConnection[];
  /** The simulators' origins, which the safe fetcher must trust (outputs are served from them). */
  origins: string[];
  /** Each simulator by provider id: its recorded requests, fault injection, outcomes. */
  simulators: Record<string, unknown>;
  /** Plugins that have no sandbox, so are left out of sandbox mode. */
  skipped: ConfiguredPlugin[];
  close(): Promise<void>;
};

/**
 * Sandbox mode is on, but `@reelay/testing` (the simulators' toolkit, an optional peer so a production install
 * leaves it out) is not installed. `main` prints the message alone: it says what to do.
 */
export class SandboxUnavailableError extends Error {
  constructor() {
    super(
      "Sandbox mode (no provider credentials set, or REELAY_SANDBOX=1) needs @reelay/testing, which is not installed: install it beside the gateway (npm install @reelay/testing, or the reelay-testing.tgz of `pnpm pack:all`), or set a provider plugin's credentials to serve real requests.",
    );
    this.name = 'SandboxUnavailableError';
  }
}

/** A plugin's sandbox failed because `import('@reelay/testing')` found nothing (here or in its causes). */
function isTestingKitMissing(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      cause.message.includes("'@reelay/testing'")
    )
      return true;
  }
  return false;
}

/** The folder a plugin's simulator keeps its jobs and port in: `<dataDir>/sandbox/<plugin id>`. */
export function sandboxDataDir(dataDir: string, pluginId: string): string {
  return join(dataDir, 'sandbox', pluginId);
}

/**
 * Starts the simulators of every plugin that has one, for sandbox mode. They behave like the real APIs
 * (queues, progress, status vocabularies) and render real MP4s, only faster. Each keeps its jobs under the
 * data directory, so sandbox jobs resume after a restart exactly as live ones do. Each plugin imports its
 * simulator code only here, so a gateway with sandbox off never loads it.
 */
export async function startSandbox(
  plugins: ConfiguredPlugin[],
  options: { dataDir: string; behavior: { queueMs: number; runMs: number } },
): Promise<Sandbox> {
  const { behavior } = options;
  const withSandbox = plugins.filter((configured) => configured.plugin.sandbox !== undefined);
  const started = await Promise.allSettled(
    withSandbox.map(async (configured) => {
      const dataDir = sandboxDataDir(options.dataDir, configured.plugin.id);
      const sandbox = (await configured.plugin.sandbox?.({ dataDir, behavior })) as ProviderSandbox;
      return { configured, sandbox };
    }),
  );
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const close = async () => {
    await Promise.allSettled(running.map(({ sandbox }) => sandbox.close()));
  };
  const failedIndex = started.findIndex((result) => result.status === 'rejected');
  if (failedIndex !== -1) {
    await close();
    const failed = started[failedIndex] as PromiseRejectedResult;
    if (isTestingKitMissing(failed.reason)) throw new SandboxUnavailableError();
    throw new Error(
      `sandbox: the simulator of plugin ${withSandbox[failedIndex]?.packageName} failed to start`,
      {
        cause: failed.reason,
      },
    );
  }
  try {
    // The simulators sign webhooks with their own secrets and keys, so deliveries they build verify here.
    const connections = running.map(({ configured, sandbox }) => ({
      packageName: configured.packageName,
      plugin: configured.plugin,
      settings: configured.plugin.settingsSchema.parse(sandbox.settings) as Record<string, unknown>,
    }));
    return {
      connections,
      origins: [...new Set(running.flatMap(({ sandbox }) => sandbox.origins))],
      simulators: Object.fromEntries(
        running.map(({ configured, sandbox }) => [configured.plugin.id, sandbox.simulator]),
      ),
      skipped: plugins.filter((configured) => configured.plugin.sandbox === undefined),
      close,
    };
  } catch (error) {
    await close();
    throw new Error('sandbox: a plugin gave its simulator settings its own schema refuses', { cause: error });
  }
}
