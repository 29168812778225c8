import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-built-cli';

/** `reelay plugin init`, run as the built bin. That the package it writes works is the outside-workspace test's. */
describe('reelay plugin init', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reelay-plugin-init-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a package named after the id, depending on the Reelay versions this CLI runs', async () => {
    const result = await runBuiltCli(
      ['plugin', 'init', 'acme-labs', '--package', '@acme/reelay-provider-acme-labs', '--name', 'Acme Labs'],
      {},
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const target = join(dir, 'reelay-provider-acme-labs');
    expect(result.stdout).toContain(`Wrote @acme/reelay-provider-acme-labs (provider id 'acme-labs')`);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    const core = JSON.parse(
      readFileSync(new URL('../../../packages/core/package.json', import.meta.url), 'utf8'),
    );
    expect(manifest).toMatchObject({
      name: '@acme/reelay-provider-acme-labs',
      dependencies: { '@reelay/core': `^${core.version}` },
    });
    const plugin = readFileSync(join(target, 'src', 'acme-labs-plugin.ts'), 'utf8');
    expect(plugin).toContain("id: 'acme-labs'");
    expect(plugin).toContain("name: 'ACME_LABS_API_KEY'");
    expect(plugin).toContain('export const plugin: ProviderPlugin<AcmeLabsProviderSettings>');
    expect(readdirSync(target)).toContain('.gitignore');
    // no placeholder is left anywhere
    for (const file of ['README.md', 'src/acme-labs-provider.ts', 'src/simulator/acme-labs-simulator.ts'])
      expect(readFileSync(join(target, file), 'utf8')).not.toMatch(/__[A-Za-z]+__(?!PACKAGE_VERSION)/);
  });

  it.each([
    [['plugin', 'init', 'Acme'], /'Acme' cannot be a provider id: use lowercase letters/],
    [['plugin', 'init'], /Name the provider: reelay plugin init <id>/],
    [['plugin', 'create', 'acme'], /Say what to do: reelay plugin init <id>/],
    [['plugin', 'init', 'acme', '--package', 'Not A Name'], /'Not A Name' is not an npm package name/],
  ])('refuses %j with a usage error', async (args, message) => {
    const result = await runBuiltCli(args, {}, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('never writes into a folder that has files', async () => {
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'notes.txt'), 'mine');
    const result = await runBuiltCli(['plugin', 'init', 'acme', '--dir', 'taken'], {}, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/taken is not empty; pick another folder with --dir/);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['notes.txt']);
  });
});
