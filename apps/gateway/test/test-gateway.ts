import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDatabaseServer } from '@reelay/engine/testing';
import type { FalSimulator, OpenAISimulator, ReplicateSimulator } from '@reelay/testing';
import { type GatewayConfig, loadConfig, type RunningGateway, startGateway } from '../src/index';

export type TestGateway = RunningGateway & { dataDir: string; logs: string[]; stop(): Promise<void> };

/**
 * With `REELAY_TEST_STORE=postgres` (the gateway's `postgres` test project), a fresh database on the test
 * Postgres server, so the whole suite runs on both stores; otherwise nothing (SQLite in the data directory).
 */
export async function testStoreDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (process.env['REELAY_TEST_STORE'] !== 'postgres') return undefined;
  const server = testDatabaseServer();
  if (server === undefined) throw new Error('REELAY_TEST_STORE=postgres needs REELAY_TEST_DATABASE_URL.');
  return freshDatabase(server);
}

/**
 * The real gateway on 127.0.0.1 with a free port, in sandbox mode (in-process simulators), a fresh data
 * directory (and a fresh Postgres database in the `postgres` test project) and a tiny poll backoff, so a job
 * finishes in well under a second.
 */
export async function startTestGateway(
  options: {
    env?: Record<string, string>;
    configure?: (config: GatewayConfig) => void;
    /** A data directory to reuse (a restart); the caller removes it. Default: a fresh one, removed by `stop`. */
    dataDir?: string;
  } = {},
): Promise<TestGateway> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'reelay-gateway-')));
  // A database given in `env` is the caller's (shared by a restart); otherwise a fresh one, dropped by `stop`.
  const database = options.env?.['REELAY_DATABASE_URL'] === undefined ? await testStoreDatabase() : undefined;
  const config = await loadConfig({
    REELAY_DATA_DIR: dataDir,
    ...(database ? { REELAY_DATABASE_URL: database.url } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    REELAY_SANDBOX: '1',
    ...options.env,
  });
  config.pollBackoff = { initialMs: 10, maxMs: 40, factor: 1.5, jitter: 0 };
  config.providerRequestsPerSecond = 1000;
  config.sandboxBehavior = { queueMs: 20, runMs: 80 };
  options.configure?.(config);
  const logs: string[] = [];
  const gateway = await startGateway({ config, log: (line) => logs.push(line) });
  return {
    ...gateway,
    dataDir,
    logs,
    async stop() {
      await gateway.close();
      await database?.drop();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until the video leaves `queued`/`in_progress`. */
export async function waitForVideo<T extends { status: string }>(
  retrieve: () => Promise<T>,
  attempts = 400,
): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const video = await retrieve();
    if (video.status !== 'queued' && video.status !== 'in_progress') return video;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the video did not finish');
}

/** The built-in plugins' simulators of a gateway in sandbox mode, typed (the gateway knows them by id only). */
export type BuiltInSimulators = { openai: OpenAISimulator; fal: FalSimulator; replicate: ReplicateSimulator };

export function builtInSimulators(gateway: RunningGateway): BuiltInSimulators {
  if (gateway.sandbox === undefined) throw new Error('the gateway is not in sandbox mode');
  return gateway.sandbox.simulators as BuiltInSimulators;
}
