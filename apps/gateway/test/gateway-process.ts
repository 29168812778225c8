import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FalSimulator, OpenAISimulator, RecordedRequest, ReplicateSimulator } from '@reelay/testing';

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));

export type GatewayChild = { child: ChildProcess; url: string; log: () => string };

/**
 * The gateway as its own process (`node --import tsx src/main.ts`, the real bin) with exactly `env`, so a test can
 * SIGKILL it; resolves once it listens. `log()` is everything it wrote to stderr so far.
 */
export function spawnGateway(env: Record<string, string>): Promise<GatewayChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: gatewayDir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  let listening = false;
  child.stderr?.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: string) => {
      output += chunk;
      if (listening) return;
      const match = output.match(/listening on (http:\/\/[\w.:[\]-]+)/);
      if (match?.[1]) {
        listening = true;
        resolve({ child, url: match[1], log: () => output });
      }
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`gateway exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** The create requests (upstream submissions) the given simulators received, in each provider's own dialect. */
export function upstreamCreates(simulators: {
  openai?: OpenAISimulator;
  fal?: FalSimulator;
  replicate?: ReplicateSimulator;
}): RecordedRequest[] {
  const posts = (requests: RecordedRequest[] | undefined, isCreate: (path: string) => boolean) =>
    (requests ?? []).filter((request) => request.method === 'POST' && isCreate(request.path));
  return [
    ...posts(simulators.openai?.requests, (path) => path === '/v1/videos'),
    ...posts(simulators.fal?.requests, () => true),
    ...posts(simulators.replicate?.requests, (path) =>
      /^\/v1\/(models\/[^/]+\/[^/]+\/)?predictions$/.test(path),
    ),
  ];
}
