import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { createRegistry } from '@reelay/core';
import {
  createEngine,
  createS3OutputStore,
  type Engine,
  existingWebhookSecret,
  loadWebhookSecret,
  newWebhookSecret,
  openStores,
  type Stores,
} from '@reelay/engine';
import { loadCatalog } from '@reelay/pricing';
import { type GatewayConfig, isLoopbackHost, listWithOr, loadConfig, type S3Storage } from './config';
import { createGatewayApp } from './create-gateway-app';
import { createLogger } from './logging/create-logger';
import { buildProviders, type PluginConnection } from './providers';
import { type Sandbox, startSandbox } from './sandbox';
import { ConfigError } from './settings/config-error';
import { startTracing } from './tracing/start-tracing';
import { GATEWAY_VERSION } from './version';

export type StartGatewayOptions = {
  /** Environment to read settings from. Default `process.env`. Ignored when `config` is given. */
  env?: Record<string, string | undefined>;
  /** A configuration built with `loadConfig` (tests adjust it before starting). */
  config?: GatewayConfig;
  /**
   * Receives every log line as JSON (tests, embedding). Default: standard error, readable lines on a terminal
   * and JSON lines otherwise, at `REELAY_LOG_LEVEL`.
   */
  log?: (line: string) => void;
  /** How the running program names its key command in advice. Default `reelay-gateway keys`. */
  keysCommand?: string;
};

/** A running gateway. */
export type RunningGateway = {
  /** `http://127.0.0.1:3000`, with the port actually bound. */
  url: string;
  config: GatewayConfig;
  engine: Engine;
  /** The simulators, in sandbox mode. */
  sandbox: Sandbox | undefined;
  /** Stops accepting connections, lets open requests finish (up to 5 s), stops the engine and the simulators. */
  close(): Promise<void>;
};

/**
 * Loads the configuration, starts the simulators in sandbox mode, builds the providers, catalog and engine,
 * resumes unfinished jobs and serves HTTP. Refuses to bind a non-loopback address while no API key exists.
 *
 * @example
 * const gateway = await startGateway({ env: process.env });
 * // … later
 * await gateway.close();
 */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const config = options.config ?? (await loadConfig(options.env ?? process.env));
  const logger = await createLogger({ level: config.logLevel, lines: options.log });
  const log = (event: string, message: string, fields: Record<string, unknown> = {}) =>
    logger.info({ event, ...fields }, message);
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
    logger.flush();
  };

  try {
    // OTEL_* settings are read from the process environment, as every OpenTelemetry SDK does.
    const tracing = startTracing(process.env, GATEWAY_VERSION);
    if (tracing) cleanups.push(() => tracing.shutdown());
    const sandbox = config.sandbox
      ? await startSandbox(config.plugins, { dataDir: config.dataDir, behavior: config.sandboxBehavior })
      : undefined;
    if (sandbox) cleanups.push(() => sandbox.close());

    const connections =
      sandbox?.connections ??
      config.plugins.flatMap(({ settings, ...rest }): PluginConnection[] =>
        settings === undefined ? [] : [{ ...rest, settings }],
      );
    const providers = buildProviders(connections, config.extraOfferings);
    const credentialNames = config.plugins.flatMap(({ plugin }) =>
      plugin.env.filter((variable) => variable.kind === 'credential').map((variable) => variable.name),
    );
    const catalog = loadCatalog(config.catalog);
    const registry = createRegistry({ providers, catalog: catalog.models });
    const trustedOrigins = [
      ...new Set([
        ...providers.map((provider) => new URL(provider.baseURL).origin),
        ...(sandbox?.origins ?? []),
        ...config.allowPrivateOrigins,
      ]),
    ];
    const outputStore = config.storage ? await openS3Storage(config.storage) : undefined;
    const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }).catch(
      async (error: unknown) => {
        await outputStore?.close();
        throw error;
      },
    );
    const signing = await webhookSigning(config, stores).catch(async (error: unknown) => {
      await stores.close();
      await outputStore?.close();
      throw error;
    });
    const engine = createEngine({
      stores,
      ...(outputStore ? { outputStore } : {}),
      registry,
      catalog,
      dataDir: config.dataDir,
      sandbox: config.sandbox,
      trustedOrigins,
      webhookSecret: signing.secret,
      ...(config.secretKey ? { secretKey: config.secretKey } : {}),
      logger,
      ...(config.publicUrl ? { publicBaseURL: config.publicUrl } : {}),
      retentionMs: config.retentionMs,
      jobDeadlineMs: config.jobDeadlineMs,
      takeoverMs: config.takeoverMs,
      ...(config.pollBackoff ? { pollBackoff: config.pollBackoff } : {}),
      ...(config.providerRequestsPerSecond
        ? { providerRequestsPerSecond: config.providerRequestsPerSecond }
        : {}),
      ...(config.submitSettleMs !== undefined ? { submitSettleMs: config.submitSettleMs } : {}),
    });
    cleanups.push(() => engine.stop());

    if (!isLoopbackHost(config.host) && (await engine.apiKeys.count()) === 0) {
      throw new ConfigError(
        [
          {
            setting: 'HOST',
            message: `'${config.host}' is reachable from other machines, and no API key exists, so anyone could spend your provider credits. Create a key first (\`${options.keysCommand ?? 'reelay-gateway keys'} create <name>\` with the same REELAY_DATA_DIR), or bind HOST=127.0.0.1.`,
          },
        ],
        'Refusing to start',
      );
    }
    if (providers.length === 0) {
      logger.warn(
        { event: 'gateway.no_providers' },
        `no provider is configured (REELAY_SANDBOX=0 and no ${listWithOr(credentialNames) || 'provider credential'}); every create will fail.`,
      );
    }

    engine.start();
    const app = createGatewayApp({
      engine,
      config: {
        ...config,
        plugins: config.plugins.map(({ packageName, plugin }) => ({
          id: plugin.id,
          name: plugin.name,
          package: packageName,
          version: plugin.version,
        })),
        credentialNames,
      },
      logger,
      tracing: tracing !== undefined,
    });
    const server = await listen(app.fetch, config.port, config.host);
    cleanups.push(() => closeServer(server));
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;

    log('gateway.listening', `reelay gateway listening on ${url}`, { url });
    log(
      'gateway.plugins',
      `plugins: ${config.plugins.map(({ packageName, plugin }) => `${packageName}@${plugin.version}`).join(', ') || 'none'}`,
      { plugins: config.plugins.map(({ packageName, plugin }) => `${packageName}@${plugin.version}`) },
    );
    log(
      'gateway.mode',
      sandbox
        ? `sandbox mode ON (${config.sandboxReason}): real adapters talk to built-in ${listWithAnd(sandbox.connections.map(({ plugin }) => plugin.name))} simulators; nothing is billed`
        : `providers: ${providers.map((provider) => provider.id).join(', ') || 'none'} (sandbox off: ${config.sandboxReason})`,
      { sandbox: config.sandbox, providers: providers.map((provider) => provider.id) },
    );
    for (const { packageName } of sandbox?.skipped ?? []) {
      logger.warn(
        { event: 'gateway.plugin_without_sandbox', plugin: packageName },
        `plugin ${packageName} has no sandbox simulator, so it is not used in sandbox mode`,
      );
    }
    log(
      'gateway.data_dir',
      `${config.databaseUrl ? 'jobs in Postgres (REELAY_DATABASE_URL), files in' : 'data directory:'} ${config.dataDir} · API reference: ${url}/docs`,
      { data_dir: config.dataDir, postgres: config.databaseUrl !== undefined },
    );
    log(
      'gateway.storage',
      outputStore
        ? `outputs and input files in ${outputStore.location} (REELAY_STORAGE_URL), streamed through GET /v1/videos/{id}/content`
        : `outputs and input files in ${config.dataDir}`,
      { storage: outputStore ? outputStore.location : 'disk' },
    );
    if (config.databaseUrl && !outputStore) {
      logger.warn(
        { event: 'gateway.storage_per_instance' },
        'jobs are in Postgres but outputs are kept in this data directory: other instances cannot serve them. Set REELAY_STORAGE_URL=s3://bucket/prefix to share them.',
      );
    }
    const instance = engine.health().instance;
    if (instance) {
      log(
        'gateway.instance',
        `instance ${instance.id}: ${instance.instances} live on this database; a dead instance's jobs are taken over within ${config.takeoverMs / 1000} s (REELAY_TAKEOVER_SECONDS)`,
        { instance: instance.id, instances: instance.instances, takeover_ms: config.takeoverMs },
      );
    }
    log(
      'gateway.tracing',
      tracing
        ? `OpenTelemetry traces exported to ${tracing.endpoint} (OTLP/HTTP)`
        : 'OpenTelemetry tracing off (set OTEL_EXPORTER_OTLP_ENDPOINT to export traces)',
      { tracing: tracing !== undefined },
    );
    log(
      'gateway.webhook_signing',
      signing.source === 'env'
        ? 'webhook_url events are signed with REELAY_WEBHOOK_SECRET'
        : signing.source === 'database'
          ? 'webhook_url events are signed with the secret every instance shares through the database (table reelay_shared); give it to your receivers, or set REELAY_WEBHOOK_SECRET'
          : `webhook_url events are signed with the secret in ${signing.source}${signing.created ? ' (just generated)' : ''}; give it to your receivers, or set REELAY_WEBHOOK_SECRET`,
    );

    let closing: Promise<void> | undefined;
    return {
      url,
      config,
      engine,
      sandbox,
      close: () => {
        closing ??= cleanup();
        return closing;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * The secret `webhook_url` events are signed with: `REELAY_WEBHOOK_SECRET`; else, when instances share a database,
 * one kept there (the first instance stores its data directory's secret, or a new one), so every instance signs
 * alike; else the data directory's own. `source` is `env`, `database` or the file's path.
 */
async function webhookSigning(
  config: GatewayConfig,
  stores: Stores,
): Promise<{ secret: string; source: string; created: boolean }> {
  if (config.webhookSecret !== undefined)
    return { secret: config.webhookSecret, source: 'env', created: false };
  if (stores.leases) {
    const candidate = existingWebhookSecret(config.dataDir) ?? newWebhookSecret();
    return {
      secret: await stores.leases.shared('webhook_secret', candidate),
      source: 'database',
      created: false,
    };
  }
  const { secret, file, created } = loadWebhookSecret(config.dataDir);
  return { secret, source: file, created };
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  port: number,
  hostname: string,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => {
      server.off('error', reject);
      resolve(server);
    });
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const http = server as Server;
    const force = setTimeout(() => http.closeAllConnections?.(), 5000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}

function listWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? 'no') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The shared bucket, checked before anything else starts: a typo in the bucket should stop the gateway, not each job. */
async function openS3Storage(storage: S3Storage) {
  const store = await createS3OutputStore({ ...storage, maxOutputBytes: 4 * 1024 ** 3 }).catch(
    (error: unknown) => {
      throw new ConfigError([{ setting: 'REELAY_STORAGE_URL', message: (error as Error).message }]);
    },
  );
  try {
    await store.check();
  } catch (error) {
    await store.close();
    throw new ConfigError([{ setting: 'REELAY_STORAGE_URL', message: (error as Error).message }]);
  }
  return store;
}
