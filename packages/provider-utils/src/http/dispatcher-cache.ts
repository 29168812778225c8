import { type Dispatcher, Pool } from 'undici';
import type { HttpTimeouts } from './timeouts';

/** One keep-alive connection pool per origin, created on first use. */
export type DispatcherCache = {
  get(origin: string): Dispatcher;
  /** Closes every pool; later `get` calls open new ones. */
  close(): Promise<void>;
};

export function createDispatcherCache(timeouts: Required<HttpTimeouts>): DispatcherCache {
  const pools = new Map<string, Pool>();
  return {
    get(origin) {
      let pool = pools.get(origin);
      if (!pool) {
        pool = new Pool(origin, {
          connect: { timeout: timeouts.connectMs },
          headersTimeout: timeouts.headersMs,
          bodyTimeout: timeouts.bodyMs,
        });
        pools.set(origin, pool);
      }
      return pool;
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close());
      pools.clear();
      await Promise.allSettled(closing);
    },
  };
}
