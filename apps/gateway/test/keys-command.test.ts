import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreDatabase } from './test-gateway';

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));

/** `reelay-gateway <args>` as its own process (the real bin through tsx), to its end. */
function runBin(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: gatewayDir,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The gateway and the keys command as two processes sharing one store, as an operator runs them: what the command
 * writes is what the running gateway enforces, from the next request on.
 */
describe('reelay-gateway keys beside a running gateway', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let database: Awaited<ReturnType<typeof testStoreDatabase>>;
  let gateway: ChildProcess | undefined;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reelay-keys-command-'));
    database = await testStoreDatabase();
    env = {
      ...(database ? { REELAY_DATABASE_URL: database.url } : {}),
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      REELAY_SANDBOX: '1',
      REELAY_DATA_DIR: dataDir,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: gatewayDir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    gateway = child;
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        output += chunk;
        const match = output.match(/listening on (http:\/\/[\w.:[\]-]+)/);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`gateway exited (${code ?? signal}):\n${output}`)),
      );
    });
  }, 120_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null && gateway.signalCode === null) {
      const exited = new Promise((resolve) => gateway!.once('exit', resolve));
      gateway.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const call = (path: string, key?: string, body?: Record<string, unknown>) =>
    fetch(`${url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('honours a key made while it runs at once, refuses keyless requests from then on, and applies limit changes', async () => {
    // Open while no key exists: an answer the gateway could be tempted to cache.
    expect((await call('/v1/videos')).status).toBe(200);

    const created = await runBin(['keys', 'create', 'late', '--daily-budget', '5'], env);
    expect(created.code, created.stderr).toBe(0);
    const [summary, key] = created.stdout.trim().split('\n');
    expect(summary).toMatch(/^created project API key key_\w+ \(late\), limits: \$5\.00\/day$/);
    const id = summary!.match(/(key_\w+)/)![1]!;

    const video = await call('/v1/videos', key, { model: 'wan-2.7', prompt: 'a late key', seconds: 4 });
    expect(video.status).toBe(200);
    const { id: videoId } = (await video.json()) as { id: string };
    expect((await call(`/v1/videos/${videoId}`, key)).status).toBe(200);
    expect(((await (await call('/v1/videos', key)).json()) as { data: Array<{ id: string }> }).data).toEqual([
      expect.objectContaining({ id: videoId }),
    ]);
    expect((await call('/v1/videos')).status).toBe(401);
    expect((await call(`/v1/videos/${videoId}`)).status).toBe(401);

    const limited = await runBin(['keys', 'set', id, '--rate-limit', '1', '--daily-budget', 'none'], env);
    expect(limited.code, limited.stderr).toBe(0);
    expect(limited.stdout).toContain(`updated ${id}, limits: 1 requests/min`);
    expect((await call('/v1/models', key)).status).toBe(200);
    expect((await call('/v1/models', key)).status).toBe(429);

    const listed = await runBin(['keys', 'list'], env);
    expect(listed.stdout.trim().split('\t')).toEqual([
      id,
      'late',
      'project',
      expect.any(String),
      'active',
      'daily=none',
      'monthly=none',
      'rate=1/min',
    ]);
  }, 180_000);

  it('refuses a scope it does not know, and a limit that is not a number, naming the option', async () => {
    const scope = await runBin(['keys', 'create', 'x', '--scope', 'root'], env);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain("--scope must be 'project' or 'admin', not 'root'");
    const budget = await runBin(['keys', 'create', 'x', '--monthly-budget', '1e3'], env);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain('--monthly-budget must be US dollars like 25 or 0.50');
  }, 120_000);
});
