import type { Dispatcher } from 'undici';
import { dispatcherFor } from './dispatcher-for';
import { type LoadResult, runClosedLoop } from './load';
import { median, percentile } from './stats';

export type LoadFigures = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
};

export type RetrieveThroughput = {
  connections: number;
  requests: number;
  gateway: LoadFigures;
  /** A bare node:http server answering the same JSON: this machine's ceiling for the same load. */
  baseline: LoadFigures;
};

/** One server, or several instances sharing the load. */
type Target = { urls: string[]; paths: string[] };

/**
 * `GET /v1/videos/{id}` over `connections` keep-alive connections, closed loop, cycling through completed jobs;
 * the same load against the bare baseline server, alternating in `rounds` chunks so both see the same machine.
 */
export async function measureRetrieve(options: {
  gateway: Target;
  baseline: Target;
  connections: number;
  requests: number;
  warmupRequests: number;
  rounds: number;
}): Promise<RetrieveThroughput> {
  const targets = [options.gateway, options.baseline].map((target) => ({
    target,
    pool: dispatcherFor(target.urls, options.connections),
    runs: [] as LoadResult[],
  }));
  const chunk = Math.ceil(options.requests / options.rounds);
  try {
    for (const { target, pool } of targets)
      await load(pool, target, options.connections, options.warmupRequests);
    for (let round = 0; round < options.rounds; round++) {
      for (const entry of targets)
        entry.runs.push(await load(entry.pool, entry.target, options.connections, chunk));
    }
    const [gateway, baseline] = targets.map(({ runs }) => figures(runs));
    return {
      connections: options.connections,
      requests: chunk * options.rounds,
      gateway: gateway!,
      baseline: baseline!,
    };
  } finally {
    await Promise.all(targets.map(({ pool }) => pool.close()));
  }
}

function load(pool: Dispatcher, target: Target, connections: number, total: number): Promise<LoadResult> {
  return runClosedLoop({
    pool,
    connections,
    total,
    request: (index) => ({ method: 'GET', path: target.paths[index % target.paths.length]! }),
  });
}

function figures(runs: LoadResult[]): LoadFigures {
  const latencies = runs.flatMap((run) => Array.from(run.latencies));
  const elapsedMs = runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  return {
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}
