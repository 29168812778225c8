import type { MachineFacts } from './machine';
import type { CliStartup } from './measure-cli-startup';
import type { CreateOverhead } from './measure-create-overhead';
import type { RenderTiming } from './measure-render';
import type { RetrieveThroughput } from './measure-retrieve';
import type { SqliteDriverComparison } from './measure-sqlite-drivers';
import type { StreamingThroughput } from './measure-streaming';
import type { TracingCost } from './measure-tracing-cost';
import type { TrackedRss } from './measure-tracked-rss';
import type { Outcome } from './outcome';
import { MB } from './stats';

export type BenchResults = {
  machine: MachineFacts;
  /** 1-minute load average when the run ended. */
  loadAverageAfter: number;
  durationMs: number;
  create: Outcome<CreateOverhead>;
  retrieve: Outcome<RetrieveThroughput>;
  rss: Outcome<TrackedRss>;
  sqlite: Outcome<SqliteDriverComparison>;
  streaming: Outcome<StreamingThroughput>;
  render: Outcome<RenderTiming>;
  cli: Outcome<CliStartup>;
  tracing: Outcome<TracingCost>;
};

/**
 * Floors from the gateway issue. "Flat memory" is read as peak RSS growth under half the streamed file: V8 frees
 * streamed chunks lazily (external memory triggers a GC after tens of MB), so a bounded bump is expected, while a
 * buffered copy would grow by at least the whole file.
 */
export const FLOORS = {
  createOverheadMs: 0.5,
  /** Issue 15: Reelay's create-path overhead at most half of Portkey's chat-path overhead, measured in one run. */
  portkeyRatio: 0.5,
  retrieveRequestsPerSecond: 5000,
  retrieveP99Ms: 20,
  trackedRssMb: 300,
  streamingMbPerSecond: 500,
  streamingRssGrowthMb: 100,
} as const;

/** One table row; `met` is undefined for figures that are recorded without a floor. */
export type Row = { metric: string; measured: string; floor: string; met: boolean | undefined; gap?: string };

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

function rowsOf<T>(
  outcome: Outcome<T>,
  failed: Array<Pick<Row, 'metric' | 'floor'>>,
  build: (value: T) => Row[],
): Row[] {
  if (outcome.ok) return build(outcome.value);
  return failed.map((row) => ({
    ...row,
    measured: 'not measured',
    met: row.floor.startsWith('recorded') ? undefined : false,
    gap: `${row.metric} could not be measured: ${outcome.error}`,
  }));
}

export function resultRows(results: BenchResults): Row[] {
  const createMetric = 'Create-path overhead: gateway − direct `POST /v1/videos`, median of round medians';
  const portkeyMetric = "Create-path overhead ÷ Portkey's chat-path overhead (same rounds)";
  const retrieveMetric = 'Retrieve `GET /v1/videos/{id}` throughput, 64 connections';
  const p99Metric = 'Retrieve p99 latency, 64 connections';
  const rssMetric = 'Gateway RSS with 10,000 jobs in flight being tracked';
  const streamMetric = 'Content streaming `GET /v1/videos/{id}/content`';
  const streamMemoryMetric = 'Content streaming memory: peak gateway RSS growth while streaming';
  const renderMetric = '`renderMp4` 1280x720 × 8 s';
  const cliMetric = '`reelay --help` start-up';
  const sqliteMetric = 'SQLite driver: node:sqlite ÷ better-sqlite3 (create path, retrieve path)';
  const tracingOffMetric =
    'Tracing off: the no-op span calls of one create, against its create-path overhead';
  const tracingOnMetric = 'Tracing on ÷ off: create through the gateway, median of round ratios';
  return [
    ...rowsOf(results.tracing, [{ metric: tracingOffMetric, floor: 'within noise: ≤ 1 %' }], (tracing) => {
      const perCreateNs = Math.max(0, tracing.noopSpanNs - tracing.emptyLoopNs) * tracing.spansPerCreate;
      const overheadMs = results.create.ok ? results.create.value.overheadMs : tracing.offMedianMs;
      const share = perCreateNs / 1e6 / overheadMs;
      return [
        {
          metric: tracingOffMetric,
          measured: `${(perCreateNs / 1000).toFixed(2)} µs per create (${tracing.spansPerCreate} spans × ${(tracing.noopSpanNs - tracing.emptyLoopNs).toFixed(0)} ns), ${(share * 100).toFixed(3)} % of ${ms(overheadMs)}`,
          floor: 'within noise: ≤ 1 %',
          met: share <= 0.01,
          gap: `with tracing off a create still spends ${(perCreateNs / 1000).toFixed(2)} µs in no-op span calls, ${(share * 100).toFixed(2)} % of its overhead`,
        },
        {
          metric: tracingOnMetric,
          measured: `${tracing.ratio.toFixed(2)}× (${ms(tracing.onMedianMs)} on, ${ms(tracing.offMedianMs)} off; ${tracing.exports} OTLP exports received)`,
          floor: 'recorded (issue 13)',
          met: undefined,
        },
      ];
    }),
    ...rowsOf(
      results.create,
      [{ metric: createMetric, floor: `≤ ${FLOORS.createOverheadMs} ms` }],
      (create) => [
        {
          metric: createMetric,
          measured: ms(create.overheadMs),
          floor: `≤ ${FLOORS.createOverheadMs} ms`,
          met: create.overheadMs <= FLOORS.createOverheadMs,
          gap: `create-path overhead is ${ms(create.overheadMs)}, ${ms(create.overheadMs - FLOORS.createOverheadMs)} above the ${FLOORS.createOverheadMs} ms floor (the direct create, one loopback round trip to the simulator, took ${ms(create.directMedianMs)} in the same run; through the gateway a create makes two such round trips)`,
        },
      ],
    ),
    ...rowsOf(results.create, [{ metric: portkeyMetric, floor: `≤ ${FLOORS.portkeyRatio}×` }], (create) =>
      create.portkey === undefined
        ? [
            {
              metric: portkeyMetric,
              measured: 'not measured',
              floor: `≤ ${FLOORS.portkeyRatio}×`,
              met: false,
              gap: "Portkey's gateway did not start in this run (see the bench log)",
            },
          ]
        : [
            {
              metric: portkeyMetric,
              measured: `${create.portkey.ratio.toFixed(2)}× (${ms(create.overheadMs)} ÷ ${ms(create.portkey.overheadMs)})`,
              floor: `≤ ${FLOORS.portkeyRatio}×`,
              met: create.portkey.ratio <= FLOORS.portkeyRatio,
              gap: `Reelay's create path adds ${ms(create.overheadMs)} and Portkey's chat path adds ${ms(create.portkey.overheadMs)} in the same rounds: ${create.portkey.ratio.toFixed(2)}×, above ${FLOORS.portkeyRatio}× (Portkey writes nothing durable; a Reelay create commits the job before and after the upstream call)`,
            },
          ],
    ),
    ...rowsOf(
      results.retrieve,
      [
        { metric: retrieveMetric, floor: `≥ ${int(FLOORS.retrieveRequestsPerSecond)} req/s` },
        { metric: p99Metric, floor: `≤ ${FLOORS.retrieveP99Ms} ms` },
      ],
      ({ gateway, baseline }) => [
        {
          metric: retrieveMetric,
          measured: `${int(gateway.requestsPerSecond)} req/s (bare node:http: ${int(baseline.requestsPerSecond)})`,
          floor: `≥ ${int(FLOORS.retrieveRequestsPerSecond)} req/s`,
          met: gateway.requestsPerSecond >= FLOORS.retrieveRequestsPerSecond && gateway.errors === 0,
          gap: `retrieve throughput is ${int(gateway.requestsPerSecond)} req/s with ${gateway.errors} errors; the floor is ${int(FLOORS.retrieveRequestsPerSecond)} req/s without errors (a bare node:http server answering the same JSON managed ${int(baseline.requestsPerSecond)} req/s in the same run)`,
        },
        {
          metric: p99Metric,
          measured: `${ms(gateway.p99Ms)} (bare node:http: ${ms(baseline.p99Ms)})`,
          floor: `≤ ${FLOORS.retrieveP99Ms} ms`,
          met: gateway.p99Ms <= FLOORS.retrieveP99Ms,
          gap: `retrieve p99 is ${ms(gateway.p99Ms)}, above ${FLOORS.retrieveP99Ms} ms (bare node:http: ${ms(baseline.p99Ms)})`,
        },
      ],
    ),
    ...rowsOf(results.rss, [{ metric: rssMetric, floor: `≤ ${FLOORS.trackedRssMb} MB` }], (rss) => [
      {
        metric: rssMetric,
        measured: mb(rss.maxRss),
        floor: `≤ ${FLOORS.trackedRssMb} MB`,
        met: rss.maxRss <= FLOORS.trackedRssMb * MB && rss.tracked === rss.jobs,
        gap: `RSS with ${int(rss.jobs)} jobs in flight is ${mb(rss.maxRss)} (the tracker reported ${rss.tracked ?? 'no'} tracked jobs); the floor is ${FLOORS.trackedRssMb} MB`,
      },
    ]),
    ...rowsOf(
      results.streaming,
      [
        { metric: streamMetric, floor: `≥ ${FLOORS.streamingMbPerSecond} MB/s` },
        { metric: streamMemoryMetric, floor: `flat: ≤ +${FLOORS.streamingRssGrowthMb} MB, half the file` },
      ],
      (streaming) => {
        const growthMb = streaming.peakRssDelta / MB;
        return [
          {
            metric: `${streamMetric}, ${mb(streaming.fileBytes)} file`,
            measured: `${int(streaming.mbPerSecond)} MB/s (bare node:http: ${int(streaming.baselineMbPerSecond)})`,
            floor: `≥ ${FLOORS.streamingMbPerSecond} MB/s`,
            met: streaming.mbPerSecond >= FLOORS.streamingMbPerSecond,
            gap: `streaming is ${int(streaming.mbPerSecond)} MB/s, below ${FLOORS.streamingMbPerSecond} MB/s (a bare node:http server streaming the same file managed ${int(streaming.baselineMbPerSecond)} MB/s in the same run)`,
          },
          {
            metric: streamMemoryMetric,
            measured: `${signed(growthMb)} MB (bare node:http: ${signed(streaming.baselinePeakRssDelta / MB)})`,
            floor: `flat: ≤ +${FLOORS.streamingRssGrowthMb} MB, half the file`,
            met: growthMb <= FLOORS.streamingRssGrowthMb,
            gap: `gateway memory grew by ${growthMb.toFixed(1)} MB while streaming a ${mb(streaming.fileBytes)} file`,
          },
        ];
      },
    ),
    ...rowsOf(
      results.sqlite,
      [{ metric: sqliteMetric, floor: 'node:sqlite kept if ≤ 1.10× on both' }],
      (sqlite) => [
        {
          metric: sqliteMetric,
          measured: `${sqlite.ratio.createMicros.toFixed(2)}×, ${sqlite.ratio.retrieveMicros.toFixed(2)}× → ${sqlite.kept} kept`,
          floor: 'node:sqlite kept if ≤ 1.10× on both',
          met: undefined,
        },
      ],
    ),
    ...rowsOf(results.render, [{ metric: renderMetric, floor: 'recorded (issue 3)' }], (render) => [
      {
        metric: `${renderMetric} (${render.frames} frames), median of ${render.runs}`,
        measured: ms(render.medianMs),
        floor: 'recorded (issue 3)',
        met: undefined,
      },
    ]),
    ...rowsOf(results.cli, [{ metric: cliMetric, floor: 'recorded (issue 5)' }], (cli) => [
      {
        metric: `${cliMetric}, median of ${cli.runs}`,
        measured: `${ms(cli.helpMedianMs)} (\`node -e 0\`: ${ms(cli.baselineMedianMs)}; +${ms(cli.overMs)}, ${cli.ratio.toFixed(2)}×)`,
        floor: 'recorded (issue 5)',
        met: undefined,
      },
    ]),
  ];
}

function details(results: BenchResults): string[] {
  const failed = (outcome: Outcome<unknown>) =>
    outcome.ok ? [] : [`   Not measured in this run: ${outcome.error}`];
  const { create, retrieve, rss, sqlite, streaming, render, cli } = results;
  const micros = (value: number) => `${value.toFixed(1)} µs`;
  return [
    '1. **Create-path overhead.** Sequential creates of the same `sora-2` 4 s 720x1280 job, interleaved A, B, A, B…:',
    '   A is `POST /v1/videos` on the gateway (job row committed to SQLite (WAL), routed, submitted through the OpenAI adapter,',
    '   upstream id written, answer rendered); B is the same JSON sent straight to the simulator with its key. Each side',
    '   keeps one keep-alive connection. Rounds of pairs after a warm-up; overhead = median over rounds of',
    '   (median A − median B).',
    ...(create.ok
      ? [
          `   ${create.value.rounds} rounds of ${create.value.pairsPerRound} pairs. Gateway median ${ms(create.value.gatewayMedianMs)} (p99 ${ms(create.value.gatewayP99Ms)});`,
          `   direct median ${ms(create.value.directMedianMs)} (p99 ${ms(create.value.directP99Ms)}); per-round overheads`,
          `   ${create.value.roundOverheadsMs.map((value) => value.toFixed(2)).join(', ')} ms.`,
          ...(create.value.portkey === undefined
            ? []
            : [
                "   Interleaved in the same rounds (A, B, C, D): C is a chat completion through Portkey's open-source gateway",
                '   (`@portkey-ai/gateway` from npm, its own process, headless, `NODE_ENV=production`, provider `openai` with a',
                '   custom host) to a bare node:http upstream answering a fixed completion; D is the same chat sent straight to',
                `   that upstream. Portkey median ${ms(create.value.portkey.portkeyMedianMs)}, direct ${ms(create.value.portkey.directMedianMs)}; per-round overheads`,
                `   ${create.value.portkey.roundOverheadsMs.map((value) => value.toFixed(2)).join(', ')} ms; overhead ${ms(create.value.portkey.overheadMs)}.`,
              ]),
        ]
      : failed(create)),
    '2. **Retrieve.** `GET /v1/videos/{id}` over 64 keep-alive connections, closed loop, cycling through 16 completed',
    '   jobs, a fixed number of requests after a warm-up. The same load goes to a bare node:http server (its own',
    "   process) answering one of those jobs' JSON, alternating in chunks with the gateway: the ceiling of this machine.",
    '   The load generator shares the machine with the servers.',
    ...(retrieve.ok
      ? [
          `   ${int(retrieve.value.requests)} requests each. Gateway: p50 ${ms(retrieve.value.gateway.p50Ms)}, p99 ${ms(retrieve.value.gateway.p99Ms)},`,
          `   max ${ms(retrieve.value.gateway.maxMs)}, ${retrieve.value.gateway.errors} non-200 answers. Bare node:http:`,
          `   ${int(retrieve.value.baseline.requestsPerSecond)} req/s, p50 ${ms(retrieve.value.baseline.p50Ms)}, p99 ${ms(retrieve.value.baseline.p99Ms)}.`,
        ]
      : failed(retrieve)),
    '3. **Jobs in flight.** A fresh gateway and simulator whose jobs stay queued for a day; the jobs are created over',
    '   HTTP (16 connections), then the tracker polls them under its default budget while the gateway RSS is sampled',
    '   every 250 ms.',
    ...(rss.ok
      ? [
          `   ${int(rss.value.jobs)} jobs created at ${int(rss.value.createsPerSecond)} creates/s; tracked per \`reelay_jobs_tracked\`:`,
          `   ${rss.value.tracked === undefined ? 'not reported' : int(rss.value.tracked)}. RSS idle before the creates ${mb(rss.value.idleRss)}; max over the`,
          `   ${rss.value.holdMs / 1000} s of tracking ${mb(rss.value.maxRss)}; at the end ${mb(rss.value.finalRss)}${rss.value.peakRss === undefined ? '' : `; lifetime peak, creates included, ${mb(rss.value.peakRss)}`}.`,
        ]
      : failed(rss)),
    "4. **Content streaming.** A completed job's stored `video.mp4` is replaced by a large file (page-cached) and",
    '   downloaded several times over one connection, every byte counted, alternating (A B B A) with the same file from a bare',
    '   node:http server (`createReadStream().pipe(response)`). Gateway RSS is sampled every 10 ms (and the kernel peak',
    '   mark is reset before streaming). "Flat" allows growth up to half the file: streamed chunks are freed lazily by',
    "   V8's garbage collector, so a bounded bump is normal, while a buffered copy would grow by the whole file.",
    ...(streaming.ok
      ? [
          `   ${mb(streaming.value.fileBytes)} × ${streaming.value.downloads}: ${streaming.value.perDownloadMbPerSecond.map((value) => int(value)).join(', ')} MB/s`,
          `   (bare node:http median ${int(streaming.value.baselineMbPerSecond)} MB/s).`,
          `   RSS ${mb(streaming.value.baselineRss)} before, peak ${mb(streaming.value.peakRss)} during.`,
        ]
      : failed(streaming)),
    "5. **SQLite driver.** The SQLite work of the create and retrieve paths on better-sqlite3 13 and on Node's built-in",
    "   `node:sqlite`, alternating rounds in the bench process, on a consolidated copy of the gateway's own `reelay.db`",
    "   from the phases above (its schema and a real job row) with the engine's pragmas (WAL, `synchronous = NORMAL`).",
    '   A create is the Idempotency-Key claim and the job row in one transaction, then the `submitting` and `submitted`',
    '   writes; a retrieve is one job row read by id. The rest of both paths is the same code whichever driver runs, so',
    '   this isolates the driver. The rule (issue 9): keep node:sqlite only if it costs at most 10 % more on both.',
    ...(sqlite.ok
      ? [
          `   ${sqlite.value.rounds} rounds of ${int(sqlite.value.createsPerRound)} creates and ${int(sqlite.value.retrievesPerRound)} retrieves per driver; medians of round means:`,
          `   better-sqlite3 ${micros(sqlite.value.drivers['better-sqlite3'].createMicros)} per create, ${micros(sqlite.value.drivers['better-sqlite3'].retrieveMicros)} per retrieve;`,
          `   node:sqlite ${micros(sqlite.value.drivers['node:sqlite'].createMicros)} per create, ${micros(sqlite.value.drivers['node:sqlite'].retrieveMicros)} per retrieve`,
          `   (${sqlite.value.ratio.createMicros.toFixed(2)}× and ${sqlite.value.ratio.retrieveMicros.toFixed(2)}×): **${sqlite.value.kept}** is kept.`,
        ]
      : failed(sqlite)),
    '6. **renderMp4.** `renderMp4({ width: 1280, height: 720, seconds: 8 })` (24 fps) in the bench process, after a',
    '   warm-up, output checked with `readMp4Info`.',
    ...(render.ok
      ? [
          `   ${render.value.runs} runs: median ${ms(render.value.medianMs)}, min ${ms(render.value.minMs)}, max ${ms(render.value.maxMs)};`,
          `   ${int(render.value.bytes)} bytes.`,
        ]
      : failed(render)),
    '7. **CLI start-up.** `node apps/cli/dist/main.js --help` spawned repeatedly, interleaved with `node -e 0`, wall',
    '   time from spawn to exit.',
    ...(cli.ok
      ? [
          `   ${cli.value.runs} runs each: median ${ms(cli.value.helpMedianMs)} (min ${ms(cli.value.helpMinMs)}) against ${ms(cli.value.baselineMedianMs)}`,
          '   for bare Node.',
        ]
      : failed(cli)),
    '8. **Tracing.** Two gateways in one run on the same simulator: the first (tracing off, the default) and a second',
    '   with `OTEL_EXPORTER_OTLP_ENDPOINT` set, exporting every span to an OTLP/HTTP receiver in the bench process.',
    '   Creates alternate A (off), B (on) in rounds after a warm-up; the ratio is the median over rounds of',
    '   (median B ÷ median A). With tracing off no SDK is registered, and a create still makes the OpenTelemetry API',
    '   calls of its submit span and its upstream client span: those are timed in the bench process against the same',
    '   loop without them, and compared with the create-path overhead of item 1.',
    ...(results.tracing.ok
      ? [
          `   ${results.tracing.value.rounds} rounds of ${results.tracing.value.pairsPerRound} pairs; one no-op span ${results.tracing.value.noopSpanNs.toFixed(0)} ns against ${results.tracing.value.emptyLoopNs.toFixed(0)} ns for the empty loop.`,
        ]
      : failed(results.tracing)),
  ];
}

export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const rows = resultRows(results);
  const gaps = rows.filter((row) => row.met === false || row.measured === 'not measured');
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
    `The run takes about ${Math.ceil(results.durationMs / 60_000)} min, stops by itself and only uses 127.0.0.1. The gateway is the`,
    'shipped bin (`apps/gateway/dist/main.js`) in its own process, sandbox off, its real OpenAI adapter pointed at the',
    'OpenAI simulator of `@reelay/testing` in another process, with no artificial delay (`queueMs 0`, `runMs 0`) except',
    'where jobs must stay in flight. Load comes from the bench process (undici, keep-alive, closed loop). All figures',
    'come from the same run. 1 MB = 2^20 bytes.',
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
    '| Metric | Measured | Floor | Met? |',
    '|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.metric} | ${row.measured} | ${row.floor} | ${row.met === undefined ? '—' : row.met ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Gaps',
    '',
    ...(gaps.length === 0
      ? ['None: every floor is met on this machine.']
      : gaps.map((row) => `- ${row.gap}.`)),
    '',
    'Where the create time goes (a `--cpu-prof` of the gateway during this benchmark, 2026-11-24): the largest',
    'single cost is the kernel socket write (`writev`, ~14 % of all samples) of the extra loopback hop; one',
    "round trip alone costs 0.4–0.7 ms on this 2-core VM, at or above the whole floor. The gateway's own work is",
    'about 0.6 ms per create: the job insert (write-ahead, before the upstream call) ~0.18 ms, the upstream call',
    'through undici and the response schema ~0.19 ms, the update with the operation ~0.1 ms, routing ~0.06 ms,',
    'the rest middleware. Dropping either SQLite write would break the no-lost-job guarantee, so the floor is',
    'left unmet here rather than bought with durability.',
    '',
    '## How each figure is measured',
    '',
    ...details(results),
    '',
  ].join('\n');
}
