import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** Every workspace's vitest.config.ts, read from disk so packages added later are checked too. */
function vitestConfigs(): string[] {
  return ['apps', 'packages'].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, group, entry.name, 'vitest.config.ts'))
      .filter((file) => {
        try {
          readFileSync(file);
          return true;
        } catch {
          return false;
        }
      }),
  );
}

describe('test runs print no configuration warnings', () => {
  it('every vitest.config.ts imports relative files with their extension (what Vite’s native loader needs)', () => {
    const extensionless = vitestConfigs().filter((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']*)'/g)].some(
        (match) => !/\.[cm]?[jt]s$/.test(match[1]!),
      ),
    );
    expect(extensionless.map((file) => file.slice(root.length))).toEqual([]);
  });

  it('vitest loads this package’s configuration without a configLoader warning', async () => {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const { stdout, stderr } = await run(process.execPath, [vitest, 'list', '--filesOnly'], {
      cwd: join(root, 'apps', 'cli'),
      env: { ...process.env, CI: '1' },
    });
    expect(stdout + stderr).not.toContain('configLoader');
  }, 60_000);
});
