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
  const sockets = process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
  return { heapUsed: usage.heapUsed, external: usage.external, sockets };
}
