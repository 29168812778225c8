import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test-gateway';

const run = promisify(execFile);
const readme = new URL('../../../README.md', import.meta.url);

/** The README's shell blocks (```sh), in order. */
async function shellBlocks(): Promise<string[]> {
  const text = await readFile(readme, 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

// The Quick start's curl example, run word for word against the real gateway (only the port differs).
describe('README quick start', () => {
  let gateway: TestGateway;
  let folder: string;
  beforeAll(async () => {
    gateway = await startTestGateway();
    folder = await mkdtemp(join(tmpdir(), 'reelay-readme-'));
  });
  afterAll(async () => {
    await gateway?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('makes, waits for and saves a video with a live model, as written', async () => {
    const block = (await shellBlocks()).find((each) => each.includes('curl'));
    expect(block).toBeDefined();
    const model = /"model":"([^"]+)"/.exec(block!)?.[1];
    const card = (await (await fetch(`${gateway.url}/v1/models/${model}`)).json()) as {
      lifecycle: { status: string };
    };
    expect(card.lifecycle.status).toBe('active');

    const script = block!.replaceAll('127.0.0.1:3000', new URL(gateway.url).host);
    await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: folder, timeout: 60_000 });
    const saved = await readFile(join(folder, 'boat.mp4'));
    expect(saved.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect((await stat(join(folder, 'boat.mp4'))).size).toBeGreaterThan(1000);
  });
});
