import type { EngineLogger } from '../observability/engine-logger';
import type { LeaseStore, UnfinishedJob } from '../store';
import type { Scheduler } from './scheduler';

export type InstanceLeasesOptions = {
  leases: LeaseStore;
  scheduler: Scheduler;
  /**
   * The longest a dead instance's jobs wait for another instance to take them over. An instance is dead when
   * its heartbeat is older than half of it; heartbeats and takeover scans run every sixth of it.
   */
  takeoverMs: number;
  /** The whole poll budget per provider, shared by the live instances. */
  requestsPerSecond: number;
  now: () => number;
  log: EngineLogger;
  /** Picks claimed jobs up (polls, resubmits, recovers interrupted submits); resolves when done. */
  resume: (jobs: UnfinishedJob[]) => Promise<void>;
};

export type InstanceHealth = {
  id: string;
  /** Live instances sharing the database, as of the last heartbeat (this one included). */
  instances: number;
  /** False once heartbeats have failed for longer than an instance is given before it counts as dead. */
  leasesHeld: boolean;
};

export type InstanceLeases = ReturnType<typeof createInstanceLeases>;

/** Jobs claimed per takeover query; the scan repeats until nothing is left. */
const CLAIM_BATCH = 500;

/**
 * This instance's side of the leases: a heartbeat (which also sizes its share of the poll budget), and the
 * takeover of jobs left without a live owner (at start, and whenever an instance dies or shuts down). The
 * heartbeat runs on its own timer, never behind a takeover's resubmits, so a busy takeover cannot make this
 * instance look dead.
 */
export function createInstanceLeases(options: InstanceLeasesOptions) {
  const { leases, scheduler } = options;
  const intervalMs = Math.max(50, Math.floor(options.takeoverMs / 6));
  const deadAfterMs = Math.max(intervalMs * 2, Math.floor(options.takeoverMs / 2));
  let instances = 1;
  let lastBeatAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> | undefined;
  let takingOver: Promise<void> | undefined;
  let claiming = false;
  let failures = 0;

  async function beat(): Promise<void> {
    try {
      ({ instances } = await leases.heartbeat(deadAfterMs));
      lastBeatAt = options.now();
      failures = 0;
      scheduler.setRequestsPerSecond(options.requestsPerSecond / instances);
    } catch (error) {
      failures += 1;
      // Once per outage, not once per interval.
      if (failures === 1)
        options.log.error(
          { event: 'instance.heartbeat_failed', instance: leases.instanceId, error: String(error) },
          `heartbeat to the database failed: ${String(error)}; this instance's jobs are taken over by others if it lasts`,
        );
      return;
    }
    if (claiming && takingOver === undefined) takingOver = takeOver().finally(() => (takingOver = undefined));
  }

  async function takeOver(): Promise<void> {
    let after: string | undefined;
    for (;;) {
      let jobs: UnfinishedJob[];
      try {
        jobs = await leases.claimOrphans(deadAfterMs, CLAIM_BATCH, after);
      } catch {
        return; // the next heartbeat tries again
      }
      if (jobs.length === 0) return;
      options.log.info(
        { event: 'instance.took_over', instance: leases.instanceId, jobs: jobs.length },
        `took over ${jobs.length} unfinished job(s) without a live instance`,
      );
      after = jobs.at(-1)?.id;
      await options.resume(jobs).catch(() => undefined);
      if (jobs.length < CLAIM_BATCH || !claiming) return;
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      beating = beat().finally(() => {
        beating = undefined;
        if (timer !== undefined) schedule();
      });
    }, intervalMs);
    timer.unref();
  }

  return {
    intervalMs,
    deadAfterMs,
    /** Beats once, takes over what has no live owner (this instance's start), then keeps beating. */
    async start(): Promise<void> {
      claiming = true;
      schedule();
      await beat();
      await takingOver;
    },
    /** Stops taking over (a shutdown has begun); heartbeats go on until `release`, as work still finishes. */
    async stopTakingOver(): Promise<void> {
      claiming = false;
      await takingOver;
    },
    /** Stops the heartbeat and hands every job this instance still holds to the others. */
    async release(): Promise<void> {
      claiming = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await beating;
      await takingOver;
      await leases.release().catch(() => undefined);
    },
    health(): InstanceHealth {
      const held = lastBeatAt !== undefined && options.now() - lastBeatAt < deadAfterMs;
      return { id: leases.instanceId, instances, leasesHeld: held };
    },
  };
}
