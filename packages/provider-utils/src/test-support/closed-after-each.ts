import { afterEach } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from './loopback-server';

// Each test file gets its own copy of this module, so every file closes only what it opened.
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** Registers `resource.close` to run after the current test, and hands the resource back. */
export function closedAfterEach<T extends { close(): Promise<void> | void }>(resource: T): T {
  cleanups.push(() => resource.close());
  return resource;
}

/** A loopback server that is closed after the current test. */
export async function server(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  return closedAfterEach(await startLoopbackServer(handler));
}

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
