import type { z } from 'zod';
import type { VideoProvider } from './video-provider';

/** The plugin contract version this core implements. A loader refuses a descriptor that declares another. */
export const PROVIDER_PLUGIN_SPECIFICATION_VERSION = 'v1';

/**
 * One environment variable a plugin reads, and the setting it fills. The gateway reads these (and no
 * provider-specific name of its own): `FAL_KEY` fills `apiKey`, `FAL_QUEUE_BASE_URL` fills `baseURL`.
 */
export type ProviderPluginEnvVariable<Settings = Record<string, unknown>> = {
  /** The variable's name, upper case (`FAL_KEY`). */
  readonly name: string;
  /** The top-level setting its value fills (`apiKey`). The value is a string, validated by `settingsSchema`. */
  readonly setting: Extract<keyof Settings, string>;
  /**
   * `credential`: once set, the provider is used (and sandbox mode is off by default).
   * `base-url`: where the adapter sends requests. `webhook-secret`: verifies the provider's deliveries.
   * `setting`: any other value.
   */
  readonly kind: 'credential' | 'base-url' | 'webhook-secret' | 'setting';
  /** One line for operators (`fal API key`). */
  readonly description: string;
};

/** How a sandbox simulator runs: how fast it moves jobs along, and where it keeps them. */
export type ProviderSandboxOptions = {
  /**
   * A folder of the plugin's own (the gateway passes `<REELAY_DATA_DIR>/sandbox/<plugin id>`) where the
   * simulator keeps its jobs and its port, so jobs accepted before a restart still finish after it, as live
   * ones do. It listens on the same port again when that port is free; when not, the jobs must still resolve
   * from their stored operations on the new one. `undefined`: memory only (a throwaway sandbox in a test).
   */
  dataDir: string | undefined;
  behavior: {
    /** Milliseconds a job waits in the queue. */
    queueMs: number;
    /** Milliseconds a job runs before it finishes. */
    runMs: number;
  };
};

/** A plugin's simulator(s), running on loopback, and the settings that point its adapter at them. */
export type ProviderSandbox<Settings = Record<string, unknown>> = {
  /** Settings for `create`: the simulator's base URL, the only key it accepts, its webhook secret or keys. */
  readonly settings: Settings;
  /** Origins the simulators serve output files from; the gateway's safe fetcher trusts them. */
  readonly origins: readonly string[];
  /** The running simulator (recorded requests, fault injection, outcomes), for tests. */
  readonly simulator: unknown;
  /** Stops the simulator(s). */
  close(): Promise<void>;
};

/** How a provider's webhooks reach the gateway. Deliveries are verified by the adapter's `parseWebhook`. */
export type ProviderPluginWebhook<Settings = Record<string, unknown>> = {
  /**
   * The setting that takes the URL the provider should deliver to, for providers that take it per request:
   * the gateway fills it with `{REELAY_PUBLIC_URL}/v1/provider-webhooks/{id}` unless the operator set it.
   * `undefined`: the URL is registered in the provider's dashboard.
   */
  readonly urlSetting: Extract<keyof Settings, string> | undefined;
};

/**
 * What a plugin package exports as `plugin`: everything a gateway needs to load the provider by package
 * name, without knowing anything about it.
 *
 * @example
 * export const plugin: ProviderPlugin<AcmeProviderSettings> = {
 *   specificationVersion: 'v1',
 *   id: 'acme',
 *   name: 'Acme Video',
 *   version: VERSION,
 *   settingsSchema: acmeProviderSettingsSchema,
 *   env: [{ name: 'ACME_API_KEY', setting: 'apiKey', kind: 'credential', description: 'Acme API key' }],
 *   create: createAcme,
 *   sandbox: async (options) => (await import('./acme-sandbox')).startAcmeSandbox(options),
 *   webhook: { urlSetting: 'webhookUrl' },
 * };
 */
export type ProviderPlugin<Settings = Record<string, unknown>> = {
  /** The contract version the plugin was built against. */
  readonly specificationVersion: typeof PROVIDER_PLUGIN_SPECIFICATION_VERSION;
  /** The provider id, equal to the `id` of the providers `create` returns (`fal`). */
  readonly id: string;
  /** Display name (`fal.ai`). */
  readonly name: string;
  /** The plugin package's version, for startup logs and `/readyz`. */
  readonly version: string;
  /** Validates settings from the config file and the environment before `create` sees them. */
  readonly settingsSchema: z.ZodType<Settings>;
  /** The environment variables the plugin reads, and which setting each fills. */
  readonly env: readonly ProviderPluginEnvVariable<Settings>[];
  /** Builds the adapter from validated settings. */
  create(settings: Settings): VideoProvider;
  /**
   * Starts the plugin's simulator(s) for sandbox mode. Import simulator code inside this function, so a
   * production install never loads it. `undefined`: the provider has no sandbox.
   */
  readonly sandbox: ((options: ProviderSandboxOptions) => Promise<ProviderSandbox<Settings>>) | undefined;
  /** How webhooks reach the gateway; `undefined` when the provider sends none. */
  readonly webhook: ProviderPluginWebhook<Settings> | undefined;
};
