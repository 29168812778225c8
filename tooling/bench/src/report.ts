import type { BenchResults } from './bench-results';
import type { Outcome } from './outcome';
import type { PathResults } from './path-phases';
import { PROFILE_NOTES } from './profile-notes';
import { int, mb, ms, pct, resultRows } from './report-rows';

export type { BenchResults } from './bench-results';
export { resultRows } from './report-rows';

const failed = (outcome: Outcome<unknown>) =>
  outcome.ok ? [] : [`   Not measured in this run: ${outcome.error}`];

function pathDetails(label: string, paths: PathResults): string[] {
  const { create, retrieve } = paths;
  const lines = [`   - ${label}:`];
  if (create.ok) {
    const value = create.value;
    lines.push(
      `     create: ${value.rounds} rounds of ${value.pairsPerRound}; gateway median ${ms(value.gatewayMedianMs)} (p99 ${ms(value.gatewayP99Ms)}), direct ${ms(value.directMedianMs)}; per-round overheads ${value.roundOverheadsMs.map((each) => each.toFixed(2)).join(', ')} ms.`,
    );
    if (value.portkey !== undefined)
      lines.push(
        `     Portkey median ${ms(value.portkey.portkeyMedianMs)}, direct chat ${ms(value.portkey.directMedianMs)}; per-round overheads ${value.portkey.roundOverheadsMs.map((each) => each.toFixed(2)).join(', ')} ms.`,
      );
  } else lines.push(`     create not measured: ${create.error}`);
  if (retrieve.ok) {
    const { gateway, baseline, requests } = retrieve.value;
    lines.push(
      `     retrieve: ${int(requests)} requests each; gateway p50 ${ms(gateway.p50Ms)}, p99 ${ms(gateway.p99Ms)}, max ${ms(gateway.maxMs)}, ${gateway.errors} non-200; bare node:http ${int(baseline.requestsPerSecond)} req/s, p50 ${ms(baseline.p50Ms)}, p99 ${ms(baseline.p99Ms)}.`,
    );
  } else lines.push(`     retrieve not measured: ${retrieve.error}`);
  return lines;
}

function details(results: BenchResults): string[] {
  const { tracker, streaming, drivers, render, cli, tracing, completionLag } = results;
  const micros = (value: number) => `${value.toFixed(1)} µs`;
  const trackerLines = (label: string, outcome: BenchResults['tracker']['sqlite']) =>
    outcome.ok
      ? [
          `   - ${label}: ${int(outcome.value.tracked ?? 0)} of ${int(outcome.value.jobs)} tracked ${(outcome.value.startMs / 1000).toFixed(1)} s after the spawn; polling window ${pct(outcome.value.polling.share)} of a core, ${outcome.value.polling.polls} polls in ${(outcome.value.polling.wallMs / 1000).toFixed(1)} s; quiet window ${pct(outcome.value.betweenPolls.share)}, ${outcome.value.betweenPolls.polls} polls in ${(outcome.value.betweenPolls.wallMs / 1000).toFixed(1)} s; RSS max ${mb(outcome.value.maxRss)}, at the end ${mb(outcome.value.finalRss)}.`,
        ]
      : [`   - ${label}: not measured: ${outcome.error}`];
  return [
    '1. **Create-path overhead against Portkey.** Sequential creates of the same `sora-2` 4 s 720x1280 job, interleaved',
    '   A, B, C, D in every step: A is `POST /v1/videos` on the gateway (job row committed before the upstream call,',
    '   routed, submitted through the OpenAI adapter, upstream id written, answer rendered); B is the same JSON sent',
    "   straight to the simulator with its key; C is a chat completion through Portkey's open-source gateway",
    '   (`@portkey-ai/gateway` from npm, its own process, headless, `NODE_ENV=production`, provider `openai` with a custom',
    '   host) to a bare node:http upstream answering a fixed completion; D is that chat sent straight to the upstream.',
    '   Each side keeps one keep-alive connection (with three instances, undici `BalancedPool` spreads the creates).',
    '   Overhead = median over rounds of (median A − median B), and the same for C − D; the ratio divides the two.',
    ...pathDetails('SQLite', results.paths.sqlite),
    ...pathDetails('Postgres, 1 instance', results.paths.postgres1),
    ...pathDetails('Postgres, 3 instances', results.paths.postgres3),
    '2. **Retrieve.** `GET /v1/videos/{id}` over 64 keep-alive connections, closed loop, cycling through 16 completed',
    '   jobs, after a warm-up; the same load goes to a bare node:http server (its own process) answering one of those',
    "   jobs' JSON, alternating in three chunks with the gateway: this machine's ceiling. With three instances the 64",
    '   connections are spread over them. The load generator shares the 2 cores with the servers (figures above).',
    '3. **Tracker with 100,000 jobs in flight.** One job is created over HTTP against a simulator that keeps it queued',
    '   for a day, then copied 99,999 times in the database by one SQL statement (each copy its own id, long-running:',
    '   the longest poll backoff). A fresh gateway loads them all (on Postgres it takes them over from no owner, in',
    '   batches, as after a failover). A few copies are due at once: the first window measures the gateway while they',
    '   are polled at the default budget (10 polls/s per provider); once they are polled (their next poll is at least',
    '   12 s away), the second window measures it while nothing is due: the cost of holding the jobs. CPU is the',
    "   process's user + system time from `/proc/<pid>/stat` over the window's wall time; RSS is sampled every 250 ms.",
    ...trackerLines('SQLite', tracker.sqlite),
    ...trackerLines('Postgres', tracker.postgres),
    `   Postgres server: ${results.postgresOrigin}.`,
    "4. **Content streaming.** A completed job's stored `video.mp4` is replaced by a large file (page-cached) and",
    '   downloaded several times over one connection, every byte counted, alternating (A B B A) with the same file from a',
    '   bare node:http server (`createReadStream().pipe(response)`). Gateway RSS is sampled every 10 ms (the kernel peak',
    '   mark is reset before streaming).',
    ...(streaming.ok
      ? [
          `   ${mb(streaming.value.fileBytes)} × ${streaming.value.downloads}: ${streaming.value.perDownloadMbPerSecond.map((value) => int(value)).join(', ')} MB/s`,
          `   (bare node:http median ${int(streaming.value.baselineMbPerSecond)} MB/s); RSS ${mb(streaming.value.baselineRss)} before, peak ${mb(streaming.value.peakRss)} during.`,
        ]
      : failed(streaming)),
    "5. **SQLite driver.** The SQLite work of the create and retrieve paths on better-sqlite3 13 and on Node's built-in",
    "   `node:sqlite`, alternating rounds in the bench process, on a copy of the SQLite phase's `reelay.db` with the",
    "   engine's pragmas. The rule (issue 9): keep node:sqlite only if it costs at most 10 % more on both.",
    ...(drivers.ok
      ? [
          `   ${drivers.value.rounds} rounds of ${int(drivers.value.createsPerRound)} creates and ${int(drivers.value.retrievesPerRound)} retrieves per driver; medians of round means:`,
          `   better-sqlite3 ${micros(drivers.value.drivers['better-sqlite3'].createMicros)} per create, ${micros(drivers.value.drivers['better-sqlite3'].retrieveMicros)} per retrieve;`,
          `   node:sqlite ${micros(drivers.value.drivers['node:sqlite'].createMicros)} per create, ${micros(drivers.value.drivers['node:sqlite'].retrieveMicros)} per retrieve: **${drivers.value.kept}** is kept.`,
        ]
      : failed(drivers)),
    '6. **renderMp4.** `renderMp4({ width: 1280, height: 720, seconds: 8 })` (24 fps) in the bench process, after a',
    '   warm-up, output checked with `readMp4Info`.',
    ...(render.ok
      ? [
          `   ${render.value.runs} runs: median ${ms(render.value.medianMs)}, min ${ms(render.value.minMs)}, max ${ms(render.value.maxMs)}; ${int(render.value.bytes)} bytes.`,
        ]
      : failed(render)),
    '7. **CLI start-up.** `node apps/cli/dist/main.js --help` spawned repeatedly, interleaved with `node -e 0`, wall',
    '   time from spawn to exit.',
    ...(cli.ok
      ? [
          `   ${cli.value.runs} runs each: median ${ms(cli.value.helpMedianMs)} (min ${ms(cli.value.helpMinMs)}) against ${ms(cli.value.baselineMedianMs)} for bare Node.`,
        ]
      : failed(cli)),
    "8. **Tracing.** Two gateways on the same simulator: the SQLite phase's (tracing off, the default) and one with",
    '   `OTEL_EXPORTER_OTLP_ENDPOINT` set, exporting every span to an OTLP/HTTP receiver in the bench process. Creates',
    '   alternate off, on in rounds after a warm-up; the ratio is the median over rounds of (median on ÷ median off).',
    '   With tracing off a create still makes the OpenTelemetry API calls of its spans: those are timed in the bench',
    '   process against the same loop without them.',
    ...(tracing.ok
      ? [
          `   ${tracing.value.rounds} rounds of ${tracing.value.pairsPerRound} pairs; one no-op span ${tracing.value.noopSpanNs.toFixed(0)} ns against ${tracing.value.emptyLoopNs.toFixed(0)} ns for the empty loop.`,
        ]
      : failed(tracing)),
    '9. **Completion lag.** A gateway (SQLite) on an OpenAI simulator (its own process) whose jobs run a fixed time;',
    '   every job is created with a `webhook_url` pointing at a receiver in the bench process (one create first, not',
    "   measured, warms the gateway; then one create every 200 ms, so that no job waits behind another's downloads).",
    "   The lag runs from the job's upstream end (the create's answer plus the run time, so a lag is short by at most",
    '   the slowest create) to the arrival of its `video.completed` event, which the gateway sends once the output is',
    '   stored. Half the jobs are',
    "   left to the tracker's default schedule (first poll after 1 s, each wait ×1.5 up to 15 s, ±20 % jitter, brought",
    "   forward to the end the job's progress predicts but never below half the wait); for the other half the",
    "   simulator's signed OpenAI webhook is posted to `/v1/provider-webhooks/openai` when the job ends, as OpenAI would,",
    '   which makes the job due at once. Jobs run for a few seconds only, to fit the run: for long jobs whose provider',
    '   reports no progress the wait reaches 15 s, so the lag is about 7.5 s on average and at most 18 s; with progress',
    '   it is at most half a wait when the prediction holds. The default budget (10 polls/s per provider, shared by the',
    '   instances) covers a poll every 15 s for 150 jobs in flight per provider; beyond that the waits stretch to',
    '   jobs ÷ 10 s (100,000 jobs: one poll per job every 2.8 hours), and only provider webhooks keep the lag short.',
    ...(completionLag.ok
      ? [
          `   ${completionLag.value.jobs} jobs of ${(completionLag.value.runMs / 1000).toFixed(0)} s; the slowest create took ${ms(completionLag.value.createSlackMs)}.`,
        ]
      : failed(completionLag)),
  ];
}

export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const rows = resultRows(results);
  const gaps = rows.filter((row) => row.met === false || row.measured.startsWith('not measured'));
  return [
    '# Benchmarks',
    '',
    `Figures from one \`pnpm bench\` run on ${machine.date.slice(0, 10)}, on the machine below. \`tooling/bench\` writes`,
    'this file and the next run overwrites it; do not edit it by hand.',
    '',
    '## How to reproduce',
    '',
    '```sh',
    'pnpm install',
    'pnpm build   # the bench runs the built gateway and CLI (apps/*/dist)',
    'pnpm bench   # turbo run bench: builds what is missing, then runs tooling/bench and rewrites this file',
    '```',
    '',
    `The run took ${(results.durationMs / 1000).toFixed(0)} s; it stops by itself (at 3 min at the latest) and only uses 127.0.0.1.`,
    "The Postgres figures need Debian's `postgresql` (the bench starts a throw-away server with `.ci/start-postgres.sh`,",
    'installing the package when it is missing) or `REELAY_BENCH_DATABASE_URL` pointing at a server of yours. The',
    'gateway is the shipped bin (`apps/gateway/dist/main.js`) in its own process, sandbox off, its real OpenAI adapter',
    'pointed at the OpenAI simulator of `@reelay/testing` in another process, with no artificial delay except where',
    'jobs must stay in flight. Load comes from the bench process (undici, keep-alive, closed loop). All figures come',
    'from the same run, and every comparison (Portkey, bare node:http) is interleaved with what it is compared to.',
    '1 MB = 2^20 bytes.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| Node | ${machine.node} |`,
    `| CPU | ${machine.cpuModel}, ${machine.cores} cores |`,
    `| Memory | ${machine.memoryGiB} GiB |`,
    `| OS | ${machine.os} |`,
    `| Date | ${machine.date} |`,
    `| Load average (1 min) | ${machine.loadAverage.toFixed(2)} at the start, ${results.loadAverageAfter.toFixed(2)} at the end |`,
    `| Run time | ${(results.durationMs / 1000).toFixed(0)} s |`,
    '',
    '## Results',
    '',
    '| Metric | Measured | Target | Met? |',
    '|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.metric} | ${row.measured} | ${row.target} | ${row.met === undefined ? '—' : row.met ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Gaps',
    '',
    ...(gaps.length === 0
      ? ['None: every target is met on this machine.']
      : gaps.map((row) => `- ${row.gap}.`)),
    '',
    ...PROFILE_NOTES,
    '',
    '## How each figure is measured',
    '',
    ...details(results),
    '',
  ].join('\n');
}
