import { join } from 'node:path';
import { Pool } from 'undici';
import { CREATE_BODY, trackedJobs } from './gateway-calls';
import { runClosedLoop } from './load';
import { startGatewayProcess, startSimulatorProcess } from './processes';
import { readRss } from './rss';

export type TrackedRss = {
  jobs: number;
  /** Jobs the tracker reported tracking (`reelay_jobs_tracked`) at the end. */
  tracked: number | undefined;
  createsPerSecond: number;
  holdMs: number;
  idleRss: number;
  /** Highest RSS sampled while the tracker ran with every job in flight. */
  maxRss: number;
  finalRss: number;
  /** The kernel's high-water mark over the gateway's whole life, creates included. */
  peakRss: number | undefined;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fresh gateway whose simulator keeps every job queued for a day, so all `jobs` stay in flight. They are created
 * over HTTP, then the tracker runs for `holdMs` while the gateway's RSS is sampled.
 */
export async function measureTrackedRss(options: {
  workDir: string;
  jobs: number;
  createConnections: number;
  holdMs: number;
  progress: (line: string) => void;
}): Promise<TrackedRss> {
  const simulator = await startSimulatorProcess({ queueMs: DAY_MS, runMs: 0 });
  const gateway = await startGatewayProcess({ simulator, dataDir: join(options.workDir, 'rss-data') });
  const pool = new Pool(gateway.url, { connections: options.createConnections });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleRss = readRss(gateway.pid).rss;
    const created = await runClosedLoop({
      pool,
      connections: options.createConnections,
      total: options.jobs,
      request: () => ({
        method: 'POST',
        path: '/v1/videos',
        headers: { 'content-type': 'application/json' },
        body: CREATE_BODY,
      }),
    });
    if (created.errors > 0) throw new Error(`${created.errors} of ${options.jobs} creates failed`);
    const createsPerSecond = options.jobs / (created.elapsedMs / 1000);
    options.progress(
      `  ${options.jobs} jobs created (${Math.round(createsPerSecond)}/s); tracker running ${options.holdMs / 1000} s`,
    );

    let maxRss = readRss(gateway.pid).rss;
    const holdUntil = Date.now() + options.holdMs;
    while (Date.now() < holdUntil) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      maxRss = Math.max(maxRss, readRss(gateway.pid).rss);
    }
    const tracked = await trackedJobs(pool);
    const final = readRss(gateway.pid);
    return {
      jobs: options.jobs,
      tracked,
      createsPerSecond,
      holdMs: options.holdMs,
      idleRss,
      maxRss: Math.max(maxRss, final.rss),
      finalRss: final.rss,
      peakRss: final.peak,
    };
  } catch (error) {
    const why = gateway.exitReport();
    throw why === undefined ? error : new Error(`${(error as Error).message}; ${why}`);
  } finally {
    await pool.close();
    await gateway.stop();
    await simulator.stop();
  }
}
