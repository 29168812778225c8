import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(root, 'apps/gateway/dist/main.js'));
const hasScript = existsSync('/usr/bin/script');

/**
 * `pnpm start` as a person runs it: under a terminal (util-linux `script` gives it one), then Ctrl-C typed into
 * that terminal, which signals pnpm, the shell and the gateway together.
 */
function startThenCtrlC(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', 'exec pnpm start', '/dev/null'], {
      cwd: root,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TERM: 'dumb', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let typed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!typed && /listening on/.test(output)) {
        typed = true;
        child.stdin.write('\u0003');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// Once: it runs the whole start script, which does not depend on the store under test.
describe.runIf(built && hasScript && process.env['REELAY_TEST_STORE'] !== 'postgres')(
  'pnpm start (built, under a terminal)',
  () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it('says it is building before anything else, and Ctrl-C ends it cleanly with exit code 0', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'reelay-pnpm-start-'));
      dirs.push(dataDir);
      const { code, output } = await startThenCtrlC({ PORT: '0', REELAY_DATA_DIR: dataDir });
      const firstOwnLine = output.split('\n').find((line) => line.startsWith('reelay'));
      expect(firstOwnLine, output).toMatch(/^reelay: (building|checking the build)/);
      expect(output).toContain('starting the gateway');
      expect(output, output).toContain('shutting down');
      expect(output).not.toContain('ELIFECYCLE');
      expect(code, output).toBe(0);
    }, 300_000);
  },
);
