import { DueQueue } from './due-queue';
import { createTokenBucket, type TokenBucket } from './token-bucket';

export type SchedulerOptions = {
  /** Poll budget per provider. */
  requestsPerSecond: number;
  /** Polls running at once, across providers. */
  maxConcurrent: number;
  now: () => number;
  /** Polls one job; resolves with when to poll it next, or `undefined` when it needs no more polling. */
  run: (id: string) => Promise<number | undefined>;
};

export type Scheduler = ReturnType<typeof createScheduler>;

/**
 * Runs due polls within a per-provider token bucket. One timer for everything (never one per job), one
 * due-time heap per provider, so a provider out of budget never delays another's jobs.
 */
export function createScheduler(options: SchedulerOptions) {
  const lanes = new Map<string, { queue: DueQueue; bucket: TokenBucket }>();
  const providerOf = new Map<string, string>();
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let started = false;
  let rotation = 0;
  let requestsPerSecond = options.requestsPerSecond;

  const lane = (provider: string) => {
    let value = lanes.get(provider);
    if (!value) {
      value = { queue: new DueQueue(), bucket: createTokenBucket(requestsPerSecond) };
      lanes.set(provider, value);
    }
    return value;
  };

  function arm(at: number): void {
    if (!started || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    const delay = Math.min(Math.max(0, at - options.now()), 60_000);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    if (!started) return;
    const now = options.now();
    let wake = Number.POSITIVE_INFINITY;
    const entries = [...lanes.entries()];
    rotation = (rotation + 1) % Math.max(1, entries.length);
    for (let offset = 0; offset < entries.length; offset++) {
      const [provider, { queue, bucket }] = entries[(rotation + offset) % entries.length]!;
      while (running.size < options.maxConcurrent) {
        const due = queue.peekDueAt();
        if (due === undefined) break;
        if (due > now) {
          wake = Math.min(wake, due);
          break;
        }
        if (!bucket.take(now)) {
          wake = Math.min(wake, bucket.nextAt(now));
          break;
        }
        const id = queue.popDue(now)!;
        if (!running.has(id)) launch(id, provider);
      }
    }
    if (wake < Number.POSITIVE_INFINITY) arm(wake);
  }

  function launch(id: string, provider: string): void {
    const done = options
      .run(id)
      .catch(() => options.now() + 5_000)
      .then((next) => {
        running.delete(id);
        if (providerOf.get(id) === provider) {
          if (next !== undefined) lane(provider).queue.schedule(id, next);
          else if (!lane(provider).queue.has(id)) providerOf.delete(id);
        }
        // A finished poll frees a slot: let waiting jobs in now rather than at the next timer.
        arm(options.now());
      });
    running.set(id, done);
  }

  return {
    schedule(id: string, provider: string, dueAt: number): void {
      const previous = providerOf.get(id);
      if (previous !== undefined && previous !== provider) lanes.get(previous)?.queue.remove(id);
      providerOf.set(id, provider);
      lane(provider).queue.schedule(id, dueAt);
      arm(dueAt);
    },
    remove(id: string): void {
      const provider = providerOf.get(id);
      if (provider === undefined) return;
      providerOf.delete(id);
      lanes.get(provider)?.queue.remove(id);
    },
    /**
     * Changes the poll budget of every provider (an instance's share of the budget when several share it).
     * Bursts shrink with it, so a smaller share is never exceeded by tokens saved up before.
     */
    setRequestsPerSecond(rate: number): void {
      if (rate === requestsPerSecond) return;
      requestsPerSecond = rate;
      const now = options.now();
      for (const { bucket } of lanes.values()) bucket.setRate(rate, now);
      arm(now);
    },
    /** Whether `id` is waiting or being polled here. */
    has: (id: string) => providerOf.has(id),
    /** Jobs being tracked (waiting or polling). */
    size: () => providerOf.size,
    perProvider(): Array<[string, number]> {
      return [...lanes.entries()].map(([provider, { queue }]) => [provider, queue.size]);
    },
    start(): void {
      if (started) return;
      started = true;
      arm(options.now());
    },
    /** Stops polling and waits for the polls already running. */
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      await Promise.allSettled([...running.values()]);
    },
  };
}
