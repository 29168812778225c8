import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tooling/bench/src/processes.ts). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type SimulatorProcess = {
  baseURL: string;
  apiKey: string;
  /** `whsec_…`: what the simulator signs its webhooks with (the gateway's `OPENAI_WEBHOOK_SECRET`). */
  webhookSecret: string;
  pid: number;
  /** Posts the simulator's signed webhook for a finished video to `url`; resolves with the answer's status. */
  deliverWebhook(videoId: string, url: string): Promise<number>;
  stop(): Promise<void>;
};

export type GatewayProcess = {
  url: string;
  pid: number;
  dataDir: string;
  /** Why the gateway is gone (exit code and the end of its log), or `undefined` while it runs. */
  exitReport(): string | undefined;
  stop(): Promise<void>;
};

const children = new Set<ChildProcess>();

/** Kills every child still running (used on timeout and Ctrl-C). */
export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** An OpenAI simulator in its own process, with the given job timing (0/0 = answers as fast as it can). */
export async function startSimulatorProcess(behavior: {
  queueMs: number;
  runMs: number;
}): Promise<SimulatorProcess> {
  const entry = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));
  // fork keeps this process's execArgv, i.e. the tsx loader.
  const child = fork(entry, [JSON.stringify(behavior)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const ready = await readyMessage<{ baseURL: string; apiKey: string; webhookSecret: string }>(
    child,
    'simulator',
  );
  const waiting = new Map<string, (status: number | string) => void>();
  child.on('message', (message: { delivered?: { videoId: string; status: number | string } }) => {
    if (message.delivered) waiting.get(message.delivered.videoId)?.(message.delivered.status);
  });
  return {
    ...ready,
    pid: child.pid!,
    deliverWebhook: (videoId, url) =>
      new Promise((resolve, reject) => {
        waiting.set(videoId, (status) => {
          waiting.delete(videoId);
          if (typeof status === 'number') resolve(status);
          else reject(new Error(`the simulator could not deliver the webhook of ${videoId}: ${status}`));
        });
        child.send({ deliver: { videoId, url } });
      }),
    stop: () => stopChild(child, () => child.disconnect()),
  };
}

export type BaselineProcess = { url: string; pid: number; stop(): Promise<void> };

/** A bare node:http server in its own process: answers `GET /json` with `json` and streams `file` at `GET /file`. */
export async function startBaselineProcess(content: {
  json?: string;
  file?: string;
}): Promise<BaselineProcess> {
  const entry = fileURLToPath(new URL('./baseline-process.ts', import.meta.url));
  const child = fork(entry, [JSON.stringify(content)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const { url } = await readyMessage<{ url: string }>(child, 'baseline server');
  return { url, pid: child.pid!, stop: () => stopChild(child, () => child.disconnect()) };
}

/**
 * The shipped gateway bin (`apps/gateway/dist/main.js`) in its own process, sandbox off, with the OpenAI adapter
 * pointed at `simulator`. Only the variables below reach it, so no real credential can.
 */
export async function startGatewayProcess(options: {
  simulator: SimulatorProcess;
  dataDir: string;
  nodeOptions?: string[];
  /** `postgres://…`: the gateway keeps its jobs there (several gateways may share it); unset: SQLite in `dataDir`. */
  databaseUrl?: string;
  /** More environment, e.g. `OTEL_EXPORTER_OTLP_ENDPOINT` to turn tracing on. */
  env?: Record<string, string>;
}): Promise<GatewayProcess> {
  const main = `${repoRoot}apps/gateway/dist/main.js`;
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`pnpm build\` first (pnpm bench does it through turbo).`);
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), main], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      REELAY_DATA_DIR: options.dataDir,
      REELAY_SANDBOX: '0',
      OPENAI_API_KEY: options.simulator.apiKey,
      OPENAI_BASE_URL: options.simulator.baseURL,
      // Instances sharing one database must share the key that seals stored secrets.
      REELAY_SECRET_KEY: 'reelay-bench-secret-key-0123456789abcdef',
      ...(options.databaseUrl === undefined ? {} : { REELAY_DATABASE_URL: options.databaseUrl }),
      ...options.env,
    },
  });
  children.add(child);
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not start within 20 s:\n${log}`)),
      20_000,
    );
    child.stderr!.setEncoding('utf8');
    let listening = false;
    child.stderr!.on('data', (chunk: string) => {
      // Only a tail is kept (for the exit report): the gateway writes a line per request, and a log that grows
      // and is searched whole on every chunk would slow this process until the pipe blocks the gateway.
      log = (log + chunk).slice(-16_000);
      if (listening) return;
      const match = /listening on (http:\/\/[^\s"]+)/.exec(log);
      if (match) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with code ${code}:\n${log}`));
    });
  });
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    const tail = log.trim().split('\n').slice(-8).join('\n');
    exit = `the gateway exited (${signal ?? `code ${code}`}); its log ends with:\n${tail}`;
  });
  return {
    url,
    pid: child.pid!,
    dataDir: options.dataDir,
    exitReport: () => exit,
    stop: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}

export type PortkeyProcess = { url: string; pid: number; stop(): Promise<void> };

/**
 * Portkey's open-source gateway (`@portkey-ai/gateway`, installed from npm into this package) in its own process,
 * headless and in production mode, on a free loopback port; ready once it accepts a TCP connection.
 */
export async function startPortkeyProcess(): Promise<PortkeyProcess> {
  const require = createRequire(import.meta.url);
  const entry = join(
    dirname(require.resolve('@portkey-ai/gateway/package.json')),
    'build',
    'start-server.js',
  );
  const port = await freePort();
  const child = spawn(process.execPath, [entry, `--port=${port}`, '--headless'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NODE_ENV: 'production' },
  });
  children.add(child);
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    log = (log + chunk).slice(-4000);
  });
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null)
      throw new Error(`Portkey's gateway exited with code ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`Portkey's gateway did not listen within 20 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function readyMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the ${what} process did not start within 20 s`)),
      20_000,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${what} process exited with code ${code}`));
    });
  });
}

function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      children.delete(child);
      resolve();
    });
    ask();
  });
}
