import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchPostgres, startBenchPostgres } from './bench-postgres';
import { machineFacts } from './machine';
import { measureCliStartup } from './measure-cli-startup';
import { measureCompletionLag } from './measure-completion-lag';
import { measureRender } from './measure-render';
import { measureSqliteDrivers } from './measure-sqlite-drivers';
import { measureStreaming, writeBigOutput } from './measure-streaming';
import { measureTracingCost, startOtlpSink } from './measure-tracing-cost';
import { measureTrackerLoad } from './measure-tracker-load';
import { attempt, type Outcome } from './outcome';
import { measurePaths, type PathSetup } from './path-phases';
import {
  type GatewayProcess,
  killAllChildren,
  type PortkeyProcess,
  repoRoot,
  startGatewayProcess,
  startPortkeyProcess,
} from './processes';
import { type BenchResults, renderReport, resultRows } from './report';

/*
 * `pnpm bench`: every measurement in one run, then docs/benchmarks.md. A measurement that fails is reported as not
 * measured (and the exit code is 1); the others still run.
 * REELAY_BENCH_GATEWAY_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the first gateway
 * process of the SQLite phase, to investigate a missed target; turbo filters the environment, so run
 * `pnpm --filter @reelay/bench bench`. REELAY_BENCH_DATABASE_URL points the Postgres phases at an existing server.
 */

const BUDGET_MS = 175_000;
const startedAt = Date.now();
const STREAM_MB = 100;
const TRACKED_JOBS = 100_000;
const progress = (line: string) =>
  process.stderr.write(`${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s ${line}\n`);

const machine = machineFacts();
const workDir = mkdtempSync(join(tmpdir(), 'reelay-bench-'));
let postgres: BenchPostgres | undefined;
let aborting = false;
const abort = (code: number) => {
  if (aborting) return;
  aborting = true;
  killAllChildren();
  void postgres?.stop().catch(() => undefined);
  rmSync(workDir, { recursive: true, force: true });
  process.exit(code);
};
const watchdog = setTimeout(() => {
  progress(`bench: still running after ${BUDGET_MS / 1000} s; stopping.`);
  abort(1);
}, BUDGET_MS);
// `on`, not `once`: Ctrl-C can arrive twice (tsx relays it), and an unhandled second one would skip the cleanup.
process.on('SIGINT', () => abort(130));
const nodeOptions = (process.env['REELAY_BENCH_GATEWAY_NODE_OPTIONS'] ?? '').split(/\s+/).filter(Boolean);

/** Content streaming and tracing, on the SQLite phase's gateway. */
async function sqliteExtras(setup: PathSetup, file: { path: string; bytes: number }) {
  const gateway = setup.gateways[0]!;
  const streaming = await attempt(
    `content streaming (${STREAM_MB} MB)`,
    progress,
    () =>
      measureStreaming({ gateway, jobId: setup.jobIds[0]!, file, baseline: setup.baseline, downloads: 4 }),
    gateway.exitReport,
  );
  let traced: GatewayProcess | undefined;
  let sink: Awaited<ReturnType<typeof startOtlpSink>> | undefined;
  const tracing = await attempt(
    'tracing off vs on (interleaved)',
    progress,
    async () => {
      sink = await startOtlpSink();
      traced = await startGatewayProcess({
        simulator: setup.simulator,
        dataDir: join(workDir, 'data-traced'),
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url },
      });
      return measureTracingCost({
        offUrl: gateway.url,
        onUrl: traced.url,
        exports: sink.exports,
        rounds: 5,
        pairsPerRound: 40,
        warmupPairs: 40,
      });
    },
    gateway.exitReport,
  );
  await traced?.stop();
  await sink?.stop();
  return { streaming, tracing };
}

const notMeasured = (why: string): Outcome<never> => ({ ok: false, error: why });

let portkey: PortkeyProcess | undefined;
try {
  progress(`bench: ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}; work dir ${workDir}`);
  portkey = await startPortkeyProcess().catch((error: unknown) => {
    progress(
      `bench: Portkey's gateway did not start, so its overhead is not measured: ${(error as Error).message}`,
    );
    return undefined;
  });
  const paths = { retrieveRequests: 24_000, createRounds: 8, portkey, progress };
  let bigFile: { path: string; bytes: number } | undefined;
  const sqlite = await measurePaths({
    ...paths,
    label: 'SQLite',
    dataDir: join(workDir, 'sqlite'),
    instances: 1,
    nodeOptions,
    prepareBaseline: ({ gateways, jobIds }) => {
      bigFile = writeBigOutput(gateways[0]!.dataDir, jobIds[0]!, STREAM_MB);
      return { file: bigFile.path };
    },
    extra: (setup) => sqliteExtras(setup, bigFile!),
  });

  const database = await attempt('Postgres server', progress, async () => {
    postgres = await startBenchPostgres();
    return postgres;
  });
  const onPostgres = async (label: string, instances: number) => {
    if (!database.ok) return { create: database, retrieve: database };
    const databaseUrl = await database.value.freshDatabase(`paths${instances}`);
    // Fewer requests than on SQLite: each retrieve is a database round trip, and the run must fit in 3 minutes.
    return measurePaths({
      ...paths,
      retrieveRequests: 9_000,
      label,
      dataDir: join(workDir, `postgres-${instances}`),
      databaseUrl,
      instances,
    });
  };
  const postgres1 = await onPostgres('Postgres, 1 instance', 1);
  const postgres3 = await onPostgres('Postgres, 3 instances', 3);

  const tracker = { jobs: TRACKED_JOBS, windowMs: 4500, progress };
  const trackerSqlite = await attempt(`SQLite: tracker with ${TRACKED_JOBS} jobs in flight`, progress, () =>
    measureTrackerLoad({ ...tracker, database: { dataDir: join(workDir, 'tracker-sqlite') } }),
  );
  const trackerPostgres = database.ok
    ? await attempt(`Postgres: tracker with ${TRACKED_JOBS} jobs in flight`, progress, async () =>
        measureTrackerLoad({
          ...tracker,
          database: {
            dataDir: join(workDir, 'tracker-postgres'),
            databaseUrl: await database.value.freshDatabase('tracker'),
          },
        }),
      )
    : database;

  const completionLag = await attempt('completion lag: polling and provider webhooks', progress, () =>
    measureCompletionLag({
      dataDir: join(workDir, 'completion-lag'),
      jobsPerKind: 6,
      runMs: 6000,
      spacingMs: 200,
    }),
  );

  const drivers = await attempt(
    'SQLite drivers: better-sqlite3 and node:sqlite (interleaved)',
    progress,
    () =>
      measureSqliteDrivers({
        gatewayDatabase: join(workDir, 'sqlite', 'reelay.db'),
        workDir,
        rounds: 4,
        createsPerRound: 500,
        retrievesPerRound: 10_000,
      }),
  );
  const render = await attempt('renderMp4 1280x720 × 8 s', progress, () =>
    measureRender({ width: 1280, height: 720, seconds: 8, runs: 11, warmupRuns: 2 }),
  );
  const cli = await attempt('reelay --help start-up', progress, () =>
    measureCliStartup({ runs: 11, warmupRuns: 2 }),
  );

  const extras = sqlite.extra?.ok ? sqlite.extra.value : undefined;
  const extrasFailed = notMeasured(
    sqlite.extra?.ok === false ? sqlite.extra.error : 'the SQLite phase did not run',
  );
  const results: BenchResults = {
    machine,
    loadAverageAfter: loadavg()[0]!,
    durationMs: Date.now() - startedAt,
    postgresOrigin: database.ok ? database.value.origin : `not available: ${database.error}`,
    paths: { sqlite, postgres1, postgres3 },
    tracker: { sqlite: trackerSqlite, postgres: trackerPostgres },
    completionLag,
    streaming: extras?.streaming ?? extrasFailed,
    tracing: extras?.tracing ?? extrasFailed,
    drivers,
    render,
    cli,
  };
  const target = join(repoRoot, 'docs', 'benchmarks.md');
  writeFileSync(target, renderReport(results));
  for (const row of resultRows(results)) {
    const verdict = row.met === undefined ? '' : row.met ? '  (met)' : '  (NOT MET)';
    process.stdout.write(`${row.metric}: ${row.measured}${verdict}\n`);
  }
  process.stdout.write(`wrote ${target} (${((Date.now() - startedAt) / 1000).toFixed(0)} s)\n`);
  if (resultRows(results).some((row) => row.measured === 'not measured')) process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await portkey?.stop();
  killAllChildren();
  await postgres?.stop().catch(() => undefined);
  rmSync(workDir, { recursive: true, force: true });
}
