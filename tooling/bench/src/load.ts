import type { Dispatcher } from 'undici';

export type LoadResult = {
  /** Per-request latency (send → body fully read), ms. */
  latencies: Float64Array;
  elapsedMs: number;
  /** Requests that did not answer `expectStatus`. */
  errors: number;
};

/**
 * A closed-loop load generator: `connections` workers, each sending its next request as soon as the previous
 * answer is read, until `total` requests have been sent.
 */
export async function runClosedLoop(options: {
  pool: Dispatcher;
  connections: number;
  total: number;
  request: (index: number) => Dispatcher.RequestOptions;
  expectStatus?: number;
}): Promise<LoadResult> {
  const latencies = new Float64Array(options.total);
  const expected = options.expectStatus ?? 200;
  let next = 0;
  let errors = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= options.total) return;
      const started = performance.now();
      const response = await options.pool.request(options.request(index));
      await response.body.arrayBuffer();
      latencies[index] = performance.now() - started;
      if (response.statusCode !== expected) errors += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  return { latencies, elapsedMs: performance.now() - started, errors };
}
