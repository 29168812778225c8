import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export type MemorySample = { heapUsed: number; external: number; sockets: number };

// `gc` without starting the test worker with --expose-gc: the flag set now applies to contexts made after it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * The gateway's memory (it runs in this process) after full collections: JS heap, memory outside it (buffers of
 * downloaded videos), and open TCP sockets.
 */
export async function measureMemory(): Promise<MemorySample> {
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, external: usage.external, sockets: openSockets() };
}

/** Waits (up to 15 s, past the keep-alive timeouts) for the open sockets to fall to `target`; the count then. */
export async function socketsSettle(target: number): Promise<number> {
  const until = Date.now() + 15_000;
  while (openSockets() > target && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 250));
  return openSockets();
}

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}
