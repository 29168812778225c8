import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from './run-built-cli';

type Listed = { simulators: { id: string; name: string; env: Record<string, string> }[] };

/** `reelay simulators`: the sandbox's simulators of every default plugin, standalone, until Ctrl-C. */
describe('reelay simulators', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'reelay-simulators-test-'));
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('starts every plugin simulator, prints the variables that point at each, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [cliPath, 'simulators', '--json', '--run-ms', '0'], {
      cwd: workDir,
      env: { PATH: process.env['PATH'], HOME: workDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const listed = await new Promise<Listed>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((each) => each.startsWith('{'));
        if (line !== undefined && stdout.includes('\n')) resolve(JSON.parse(line) as Listed);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before listing: ${stdout}`)));
    });
    const ids = listed.simulators.map((simulator) => simulator.id).sort();
    expect(ids).toEqual(['fal', 'google', 'google-vertex', 'kling', 'openai', 'replicate', 'runway', 'xai']);
    const xai = listed.simulators.find((simulator) => simulator.id === 'xai')!;
    expect(Object.keys(xai.env).sort()).toEqual(['XAI_API_KEY', 'XAI_BASE_URL']);

    // The printed key and URL reach a working simulator: a wrong key is refused, the printed one accepted.
    const base = xai.env['XAI_BASE_URL']!;
    const wrong = await fetch(`${base}/videos/nope`, { headers: { authorization: 'Bearer wrong' } });
    expect([400, 401]).toContain(wrong.status);
    const right = await fetch(`${base}/videos/nope`, {
      headers: { authorization: `Bearer ${xai.env['XAI_API_KEY']}` },
    });
    expect(right.status).toBe(404);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
