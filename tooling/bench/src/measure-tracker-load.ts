import { Pool } from 'undici';
import { readCpuSeconds } from './cpu-time';
import { createJob, trackedJobs, upstreamRequests } from './gateway-calls';
import {
  type GatewayProcess,
  type SimulatorProcess,
  startGatewayProcess,
  startSimulatorProcess,
} from './processes';
import { readRss, sampleRss } from './rss';
import { type JobDatabase, seedInFlightJobs } from './seed-in-flight-jobs';

export type CpuWindow = {
  /** Share of one core (0.015 = 1.5 %). */
  share: number;
  wallMs: number;
  /** Polls the gateway sent upstream during the window. */
  polls: number;
};

export type TrackerLoad = {
  /** Jobs in flight: the template and its copies. */
  jobs: number;
  /** Jobs the tracker reported tracking (`reelay_jobs_tracked`) once started. */
  tracked: number | undefined;
  /** From spawning the gateway to its tracking every job (on Postgres: having taken them all over). */
  startMs: number;
  /** While due jobs were polled at the default budget. */
  polling: CpuWindow;
  /** Once they were polled, while no job was due: the cost of holding the jobs. */
  betweenPolls: CpuWindow;
  /** Highest RSS sampled from the start to the end of both windows. */
  maxRss: number;
  finalRss: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** The default poll budget per provider (`providerRequestsPerSecond`). */
const BUDGET_PER_SECOND = 10;
/** The shortest wait before a long-running job's next poll: the longest backoff (15 s) less its jitter (20 %). */
const REPOLL_AFTER_MS = 12_000;
/** After the polling window: the due jobs left are polled, then the quiet window starts. */
const DRAIN_MS = 2500;

/**
 * The tracker's cost with `jobs` in flight. One job is created over HTTP (to an upstream that keeps it queued for
 * a day) and copied in the database; a few copies are due at once, the rest in two hours. A fresh gateway loads
 * them all (on Postgres it takes them over); its CPU share is measured while the due ones are polled at the
 * default budget, then after they were polled, while nothing is due (the pure cost of holding the jobs), and its
 * RSS throughout.
 */
export async function measureTrackerLoad(options: {
  database: JobDatabase;
  jobs: number;
  windowMs: number;
  progress: (line: string) => void;
}): Promise<TrackerLoad> {
  // Enough due jobs to keep the budget busy through the polling window, few enough to be drained soon after it.
  const dueJobs = Math.ceil((BUDGET_PER_SECOND * (options.windowMs + DRAIN_MS / 2)) / 1000);
  if (2 * options.windowMs + DRAIN_MS + 500 > REPOLL_AFTER_MS)
    throw new Error(
      `a ${options.windowMs} ms window leaves no quiet time before the due jobs are polled again`,
    );
  const simulator = await startSimulatorProcess({ queueMs: DAY_MS, runMs: 0 });
  try {
    const templateId = await createTemplateJob(simulator, options.database);
    const seededAt = Date.now();
    await seedInFlightJobs(options.database, {
      templateId,
      copies: options.jobs - 1,
      dueCount: dueJobs,
      dueAt: seededAt,
      laterAt: seededAt + 2 * 60 * 60 * 1000,
    });
    options.progress(
      `  ${options.jobs.toLocaleString('en-US')} jobs in flight in ${Date.now() - seededAt} ms`,
    );
    const spawnedAt = performance.now();
    const gateway = await startGatewayProcess({ simulator, ...options.database });
    try {
      return await measureLoaded(gateway, spawnedAt, options);
    } catch (error) {
      const why = gateway.exitReport();
      throw why === undefined ? error : new Error(`${(error as Error).message}; ${why}`);
    } finally {
      await gateway.stop();
    }
  } finally {
    await simulator.stop();
  }
}

/** One job created over HTTP on a throw-away gateway (sandbox off), submitted to `simulator`: the seed of the copies. */
export async function createTemplateJob(simulator: SimulatorProcess, database: JobDatabase): Promise<string> {
  const gateway = await startGatewayProcess({ simulator, ...database });
  const pool = new Pool(gateway.url, { connections: 1 });
  try {
    return await createJob(pool);
  } finally {
    await pool.close();
    await gateway.stop();
  }
}

async function measureLoaded(
  gateway: GatewayProcess,
  spawnedAt: number,
  options: { jobs: number; windowMs: number; progress: (line: string) => void },
): Promise<TrackerLoad> {
  const pool = new Pool(gateway.url, { connections: 1 });
  const rss = sampleRss(gateway.pid, 250);
  try {
    const tracked = await allTracked(pool, options.jobs, 90_000);
    const startMs = performance.now() - spawnedAt;
    const pollingFrom = Date.now();
    const polling = await cpuWindow(gateway.pid, pool, pollingFrom + options.windowMs);
    await sleep(pollingFrom + options.windowMs + DRAIN_MS - Date.now());
    const betweenPolls = await cpuWindow(gateway.pid, pool, Date.now() + options.windowMs);
    options.progress(
      `  CPU ${pct(polling.share)} polling (${polling.polls} polls), ${pct(betweenPolls.share)} between polls (${betweenPolls.polls} polls)`,
    );
    const sampled = rss.stop();
    return {
      jobs: options.jobs,
      tracked,
      startMs,
      polling,
      betweenPolls,
      maxRss: sampled.maxSampled,
      finalRss: readRss(gateway.pid).rss,
    };
  } finally {
    rss.stop();
    await pool.close();
  }
}

/** Waits until the tracker holds every job (a Postgres instance takes jobs over in batches after it listens). */
async function allTracked(pool: Pool, jobs: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tracked = await trackedJobs(pool);
    if (tracked !== undefined && tracked >= jobs) return tracked;
    if (Date.now() > deadline)
      throw new Error(`the gateway tracked ${tracked ?? 'no'} of ${jobs} jobs after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function cpuWindow(pid: number, pool: Pool, until: number): Promise<CpuWindow> {
  const pollsBefore = await upstreamRequests(pool);
  const cpuBefore = readCpuSeconds(pid);
  const started = performance.now();
  await sleep(until - Date.now());
  const cpu = readCpuSeconds(pid) - cpuBefore;
  const wallMs = performance.now() - started;
  const polls = (await upstreamRequests(pool)) - pollsBefore;
  return { share: cpu / (wallMs / 1000), wallMs, polls };
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
