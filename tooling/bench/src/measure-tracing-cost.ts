import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { Pool } from 'undici';
import { CREATE_BODY } from './gateway-calls';
import { median } from './stats';

export type TracingCost = {
  rounds: number;
  pairsPerRound: number;
  /** Create through the gateway with tracing off (the default): median of round medians, ms. */
  offMedianMs: number;
  /** The same create through a gateway exporting every span to a local OTLP receiver, ms. */
  onMedianMs: number;
  /** Median over rounds of (on median ÷ off median). */
  ratio: number;
  /** One span started and ended through the OpenTelemetry API with no SDK registered (what tracing off runs), ns. */
  noopSpanNs: number;
  /** The same loop without the span calls, ns per iteration. */
  emptyLoopNs: number;
  /** Spans a create starts when tracing is off: its submit span and the upstream call's client span. */
  spansPerCreate: number;
  /** OTLP exports the receiver got from the tracing gateway. */
  exports: number;
};

/** An OTLP/HTTP receiver on loopback that answers every export at once and counts them. */
export async function startOtlpSink(): Promise<{ url: string; exports(): number; stop(): Promise<void> }> {
  let exports = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      exports += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Tracing's cost on the create path, two ways in one run: creates interleaved between a gateway with tracing off
 * and one with tracing on (A, B, A, B…, same simulator), and, in this process, the API calls a create makes when
 * tracing is off, timed against the same loop without them.
 */
export async function measureTracingCost(options: {
  offUrl: string;
  onUrl: string;
  exports: () => number;
  rounds: number;
  pairsPerRound: number;
  warmupPairs: number;
}): Promise<TracingCost> {
  const off = new Pool(options.offUrl, { connections: 1 });
  const on = new Pool(options.onUrl, { connections: 1 });
  try {
    for (let index = 0; index < options.warmupPairs; index++) {
      await create(off);
      await create(on);
    }
    const offMedians: number[] = [];
    const onMedians: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let index = 0; index < options.pairsPerRound; index++) {
        a.push(await create(off));
        b.push(await create(on));
      }
      offMedians.push(median(a));
      onMedians.push(median(b));
      ratios.push(median(b) / median(a));
    }
    const { spanNs, emptyNs } = noopSpanCost(200_000);
    return {
      rounds: options.rounds,
      pairsPerRound: options.pairsPerRound,
      offMedianMs: median(offMedians),
      onMedianMs: median(onMedians),
      ratio: median(ratios),
      noopSpanNs: spanNs,
      emptyLoopNs: emptyNs,
      spansPerCreate: 2,
      exports: options.exports(),
    };
  } finally {
    await Promise.all([off.close(), on.close()]);
  }
}

/** Nanoseconds per iteration of a loop starting and ending one no-op span, and of the same loop without it. */
function noopSpanCost(iterations: number): { spanNs: number; emptyNs: number } {
  const tracer = trace.getTracer('reelay-bench');
  let sink = 0;
  const withSpan = () =>
    tracer.startActiveSpan(
      'submit bench',
      { attributes: { 'reelay.provider': 'openai' } },
      context.active(),
      (span) => {
        sink += 1;
        span.end();
      },
    );
  const without = () => {
    sink += 1;
  };
  const time = (work: () => void) => {
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = process.hrtime.bigint();
      for (let index = 0; index < iterations; index++) work();
      samples.push(Number(process.hrtime.bigint() - started) / iterations);
    }
    return median(samples);
  };
  time(withSpan);
  time(without);
  const spanNs = time(withSpan);
  const emptyNs = time(without);
  if (sink === 0) throw new Error('the loops did not run');
  return { spanNs, emptyNs };
}

async function create(pool: Pool): Promise<number> {
  const started = performance.now();
  const response = await pool.request({
    method: 'POST',
    path: '/v1/videos',
    headers: { 'content-type': 'application/json' },
    body: CREATE_BODY,
  });
  const text = await response.body.text();
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`create answered ${response.statusCode}: ${text}`);
  return elapsed;
}
