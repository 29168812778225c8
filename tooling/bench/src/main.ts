import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { createJob, waitCompleted } from './gateway-calls';
import { machineFacts } from './machine';
import { measureCliStartup } from './measure-cli-startup';
import { measureCreateOverhead } from './measure-create-overhead';
import { measureRender } from './measure-render';
import { measureRetrieve } from './measure-retrieve';
import { measureSqliteDrivers } from './measure-sqlite-drivers';
import { measureStreaming, writeBigOutput } from './measure-streaming';
import { measureTracingCost, startOtlpSink } from './measure-tracing-cost';
import { measureTrackedRss } from './measure-tracked-rss';
import { attempt, type Outcome } from './outcome';
import {
  type BaselineProcess,
  type GatewayProcess,
  killAllChildren,
  type PortkeyProcess,
  repoRoot,
  type SimulatorProcess,
  startBaselineProcess,
  startGatewayProcess,
  startPortkeyProcess,
  startSimulatorProcess,
} from './processes';
import { type BenchResults, renderReport, resultRows } from './report';

/*
 * `pnpm bench`: every measurement in one run, then docs/benchmarks.md. A measurement that fails is reported as not
 * measured (and the exit code is 1); the others still run.
 * REELAY_BENCH_GATEWAY_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the first gateway
 * process, to investigate a missed floor; turbo filters the environment, so run `pnpm --filter @reelay/bench bench`.
 */

const BUDGET_MS = 285_000;
const STREAM_MB = 200;
const progress = (line: string) => process.stderr.write(`${line}\n`);

const startedAt = Date.now();
const machine = machineFacts();
const workDir = mkdtempSync(join(tmpdir(), 'reelay-bench-'));
let aborting = false;
const abort = (code: number) => {
  if (aborting) return;
  aborting = true;
  killAllChildren();
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

/**
 * Streaming, retrieve and create overhead share one gateway whose simulator finishes jobs at once, and a bare
 * node:http server serving the same bytes as a ceiling for this machine.
 */
async function gatewayPhases(): Promise<Pick<BenchResults, 'create' | 'retrieve' | 'streaming' | 'tracing'>> {
  let simulator: SimulatorProcess | undefined;
  let gateway: GatewayProcess | undefined;
  let baseline: BaselineProcess | undefined;
  let portkey: PortkeyProcess | undefined;
  let traced: GatewayProcess | undefined;
  let sink: Awaited<ReturnType<typeof startOtlpSink>> | undefined;
  try {
    simulator = await startSimulatorProcess({ queueMs: 0, runMs: 0 });
    gateway = await startGatewayProcess({ simulator, dataDir: join(workDir, 'data'), nodeOptions });
    const setup = new Pool(gateway.url, { connections: 1 });
    const ids: string[] = [];
    for (let index = 0; index < 16; index++) ids.push(await createJob(setup));
    await waitCompleted(setup, ids, 60_000);
    const answer = await setup.request({ method: 'GET', path: `/v1/videos/${ids[1]}` });
    const json = await answer.body.text();
    await setup.close();
    const file = writeBigOutput(gateway.dataDir, ids[0]!, STREAM_MB);
    baseline = await startBaselineProcess({ json, file: file.path });
    progress(`bench: gateway ${gateway.url} up, 16 jobs completed`);
    portkey = await startPortkeyProcess().catch((error: unknown) => {
      progress(
        `bench: Portkey's gateway did not start, so its overhead is not measured: ${(error as Error).message}`,
      );
      return undefined;
    });

    const up = gateway;
    const upstream = simulator;
    const bare = baseline;
    const chatGateway = portkey;
    const streaming = await attempt(
      `content streaming (${STREAM_MB} MB)`,
      progress,
      () => measureStreaming({ gateway: up, jobId: ids[0]!, file, baseline: bare, downloads: 6 }),
      up.exitReport,
    );
    const retrieve = await attempt(
      'retrieve throughput (64 connections)',
      progress,
      () =>
        measureRetrieve({
          gateway: { url: up.url, paths: ids.map((id) => `/v1/videos/${id}`) },
          baseline: { url: bare.url, paths: ['/json'] },
          connections: 64,
          requests: 40_000,
          warmupRequests: 4_000,
          rounds: 4,
        }),
      up.exitReport,
    );
    // Last on this gateway: the jobs it creates keep the tracker busy afterwards.
    const create = await attempt(
      'create-path overhead (interleaved)',
      progress,
      () =>
        measureCreateOverhead({
          gatewayUrl: up.url,
          simulator: upstream,
          rounds: 10,
          pairsPerRound: 100,
          warmupPairs: 100,
          ...(chatGateway === undefined ? {} : { portkey: { url: chatGateway.url, upstreamUrl: bare.url } }),
        }),
      up.exitReport,
    );
    const tracing = await attempt(
      'tracing off vs on (interleaved)',
      progress,
      async () => {
        sink = await startOtlpSink();
        traced = await startGatewayProcess({
          simulator: upstream,
          dataDir: join(workDir, 'data-traced'),
          env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url },
        });
        const exports = sink.exports;
        return measureTracingCost({
          offUrl: up.url,
          onUrl: traced.url,
          exports,
          rounds: 6,
          pairsPerRound: 50,
          warmupPairs: 50,
        });
      },
      up.exitReport,
    );
    return { create, retrieve, streaming, tracing };
  } catch (error) {
    const failed: Outcome<never> = {
      ok: false,
      error: `gateway setup failed: ${(error as Error).message.split('\n')[0]}`,
    };
    progress(`bench: ${failed.error}`);
    return { create: failed, retrieve: failed, streaming: failed, tracing: failed };
  } finally {
    await traced?.stop();
    await sink?.stop();
    await portkey?.stop();
    await baseline?.stop();
    await gateway?.stop();
    await simulator?.stop();
  }
}

try {
  progress(`bench: ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}; work dir ${workDir}`);
  const phases = await gatewayPhases();
  const rss = await attempt('RSS with 10,000 jobs in flight', progress, () =>
    measureTrackedRss({ workDir, jobs: 10_000, createConnections: 16, holdMs: 10_000, progress }),
  );
  const sqlite = await attempt('SQLite drivers: better-sqlite3 and node:sqlite (interleaved)', progress, () =>
    measureSqliteDrivers({
      gatewayDatabase: join(workDir, 'data', 'reelay.db'),
      workDir,
      rounds: 6,
      createsPerRound: 1_000,
      retrievesPerRound: 40_000,
    }),
  );
  const render = await attempt('renderMp4 1280x720 × 8 s', progress, () =>
    measureRender({ width: 1280, height: 720, seconds: 8, runs: 15, warmupRuns: 2 }),
  );
  const cli = await attempt('reelay --help start-up', progress, () =>
    measureCliStartup({ runs: 15, warmupRuns: 2 }),
  );

  const results: BenchResults = {
    machine,
    loadAverageAfter: loadavg()[0]!,
    durationMs: Date.now() - startedAt,
    ...phases,
    rss,
    sqlite,
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
  const anyFailed = [
    phases.create,
    phases.retrieve,
    phases.streaming,
    phases.tracing,
    rss,
    sqlite,
    render,
    cli,
  ].some((outcome) => !outcome.ok);
  if (anyFailed) process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  killAllChildren();
  rmSync(workDir, { recursive: true, force: true });
}
