import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli';

const run = promisify(execFile);
const check = fileURLToPath(new URL('../../../tooling/check-plugin-layout.mjs', import.meta.url));

/** Runs the layout check on one folder: its exit code and what it printed. */
async function layoutOf(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [check, dir]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
}

/**
 * tooling/check-plugin-layout.mjs (run by `pnpm lint` on packages/provider-*), on what `reelay plugin init` writes:
 * that passes, and each way of leaving the layout is caught and named.
 */
describe('the plugin layout check', () => {
  let dir: string;
  let scaffold: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelay-layout-'));
    const result = await runBuiltCli(['plugin', 'init', 'acme', '--dir', 'scaffold'], {}, dir);
    expect(result.code).toBe(0);
    scaffold = join(dir, 'scaffold');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes what the scaffold writes', async () => {
    expect(await layoutOf(scaffold)).toEqual({
      code: 0,
      output: expect.stringContaining('1 plugin(s) follow'),
    });
  });

  const edit = (path: string, change: (text: string) => string) => (copy: string) =>
    writeFileSync(join(copy, path), change(readFileSync(join(copy, path), 'utf8')));

  it.each([
    [
      'a version written in the source',
      edit('src/version.ts', () => "export const VERSION = '0.1.0';\n"),
      /src\/version\.ts must take VERSION from __PACKAGE_VERSION__/,
    ],
    [
      'a settings type written by hand',
      edit('src/acme-settings.ts', (text) =>
        text.replace(
          /export type AcmeProviderSettings = .*/,
          'export type AcmeProviderSettings = { apiKey?: string };',
        ),
      ),
      /must derive `export type AcmeProviderSettings = z\.input<typeof acmeSettingsSchema>`/,
    ],
    [
      'a schema under another name',
      edit('src/acme-settings.ts', (text) => text.replaceAll('acmeSettingsSchema', 'settingsSchema')),
      /must declare `export const acmeSettingsSchema`/,
    ],
    [
      'the descriptor in another file',
      (copy: string) => {
        renameSync(join(copy, 'src/acme-plugin.ts'), join(copy, 'src/plugin.ts'));
      },
      /the descriptor is in src\/plugin\.ts; move it to src\/acme-plugin\.ts/,
    ],
    [
      'a README without a library example',
      edit('README.md', (text) => text.replace(/```ts[\s\S]*?```/g, '')),
      /README\.md needs a ```ts example that calls createAcme\( and generateVideo\(/,
    ],
    [
      'a package.json without sideEffects',
      edit('package.json', (text) => text.replace('"sideEffects": false,', '')),
      /package\.json: sideEffects must be false/,
    ],
    [
      'no contract suite',
      edit('src/acme-contract.test.ts', (text) => text.replace(/runProviderContract\(\{[\s\S]*$/, '')),
      /no test runs runProviderContract/,
    ],
  ])('names %s', async (_case, change, expected) => {
    const copy = mkdtempSync(join(dir, 'case-'));
    cpSync(scaffold, copy, { recursive: true });
    change(copy);
    const { code, output } = await layoutOf(copy);
    expect(code).toBe(1);
    expect(output).toMatch(expected);
  });
});
