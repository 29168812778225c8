import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script of the repository's tooling, without type declarations.
import { publishablePackages, tarballName } from '../../../tooling/release/publishable.mjs';
import { notFoundRegistry } from './not-found-registry';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The line every README's install block starts with, until the packages are on npm. */
const PACK_LINE =
  'npm install -g pnpm@10 && pnpm install && pnpm build && pnpm pack:all && packs="$PWD/packs"';

type Manifest = {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
const manifests = (publishablePackages(root) as Array<{ manifest: Manifest }>).map(
  ({ manifest }) => manifest,
);
const byTarball = new Map(manifests.map((manifest) => [tarballName(manifest) as string, manifest]));

function readmes(): string[] {
  const inFolders = ['apps', 'packages'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(group, name, 'README.md')),
  );
  return ['README.md', ...inFolders].filter((path) => existsSync(join(root, path)));
}

/** The lines of the README's shell blocks. */
function shellLines(path: string): string[] {
  const blocks = readFileSync(join(root, path), 'utf8').match(/```(?:sh|bash|shell)\n[\s\S]*?```/g) ?? [];
  return blocks.flatMap((block) => block.split('\n').slice(1, -1));
}

/** The @reelay packages a package needs installed beside it (dependencies and required peers). */
function needs(manifest: Manifest): string[] {
  const names = { ...manifest.dependencies, ...manifest.peerDependencies };
  return Object.keys(names).filter(
    (name) => name.startsWith('@reelay/') && manifest.peerDependenciesMeta?.[name]?.optional !== true,
  );
}

/**
 * Every README's install commands work word for word today: none asks the npm registry for a Reelay package
 * (nothing is published yet, so that is an E404), each installs from the tarballs `pnpm pack:all` writes,
 * naming every Reelay package the installed ones need, and the CLI's is run for real into a fresh prefix.
 */
describe('the install commands in the READMEs', () => {
  let prefix: string;
  let packs: string;

  beforeAll(() => {
    prefix = mkdtempSync(join(tmpdir(), 'reelay-install-'));
    // `pnpm pack:all` writes ./packs; the test packs into its own folder so the work tree stays as it was.
    packs = join(prefix, 'packs');
    execFileSync(process.execPath, [join(root, 'tooling/release/pack-all.mjs'), packs], { stdio: 'pipe' });
  });
  afterAll(() => {
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  it.each(readmes())('%s installs no Reelay package from the registry', (path) => {
    const installs = shellLines(path).filter((line) =>
      /\b(npm (install|i)|pnpm add|yarn add|npx)\b/.test(line),
    );
    for (const line of installs) expect(line).not.toMatch(/(^|\s)@reelay\//);
  });

  it.each(readmes())('%s installs tarballs that exist, with every Reelay package they need', (path) => {
    const lines = shellLines(path);
    for (const [index, line] of lines.entries()) {
      const tarballs = [...line.matchAll(/"\$packs"\/([\w.*-]+)/g)].map((match) => match[1]!);
      if (tarballs.length === 0) continue;
      expect(lines.slice(0, index), `${path}: packs must be made before "${line}"`).toContain(PACK_LINE);
      const installed = tarballs.includes('*.tgz')
        ? manifests
        : tarballs.map((name) => {
            const manifest = byTarball.get(name);
            expect(manifest, `${path}: no package packs to ${name}`).toBeDefined();
            expect(existsSync(join(packs, name)), `${path}: pack:all made no ${name}`).toBe(true);
            return manifest!;
          });
      const names = new Set(installed.map((manifest) => manifest.name));
      for (const manifest of installed) {
        for (const needed of needs(manifest)) {
          expect(names, `${path}: ${manifest.name} needs ${needed} installed beside it`).toContain(needed);
        }
      }
    }
  });

  it('apps/cli/README.md: the install runs into a fresh prefix, and `reelay` works from there', async () => {
    const lines = shellLines('apps/cli/README.md');
    expect(lines).toContain(PACK_LINE);
    const install = lines.find((line) => line.startsWith('npm install -g "$packs"/'));
    expect(install).toBeDefined();
    // Nothing of @reelay is on npm yet, so npm's lookups of the scope are answered 404 at once by a stand-in on
    // loopback, as the registry answers them; through this machine's proxy they sometimes fail TLS instead, and npm
    // retries those for minutes. Third-party packages still come from the registry (or npm's cache).
    const scope = await notFoundRegistry();
    mkdirSync(join(prefix, 'etc'), { recursive: true });
    writeFileSync(join(prefix, 'etc', 'npmrc'), `@reelay:registry=${scope.url}\n`);
    // The README's own words; only where npm puts global packages differs (a temporary prefix, not the user's).
    await run('bash', ['-c', `packs=${JSON.stringify(packs)}; ${install}`], {
      cwd: prefix,
      env: {
        ...process.env,
        npm_config_prefix: prefix,
        npm_config_globalconfig: join(prefix, 'etc', 'npmrc'),
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        // Packages npm fetched before come from its cache, without asking the registry again.
        npm_config_prefer_offline: 'true',
        // A stalled download is retried after 20 s instead of npm's 5 min default (seen once in CI: one fetch
        // stalled with no byte for minutes, and the test timed out while npm waited).
        npm_config_fetch_timeout: '20000',
        npm_config_fetch_retries: '4',
        npm_config_fetch_retry_mintimeout: '1000',
        npm_config_fetch_retry_maxtimeout: '5000',
      },
    });
    await scope.close();
    const reelay = join(prefix, 'bin', 'reelay');
    const help = await run(reelay, ['--help'], { cwd: prefix });
    expect(help.stdout).toContain('reelay generate');
    // In-process, so the gateway, engine, every plugin and its simulator load from the installed packages.
    const models = await run(reelay, ['models', '--json'], {
      cwd: prefix,
      env: { PATH: process.env['PATH'], HOME: prefix, REELAY_DATA_DIR: join(prefix, 'data') },
    });
    const listed = JSON.parse(models.stdout) as { data?: Array<{ id: string }> } | Array<{ id: string }>;
    const ids = (Array.isArray(listed) ? listed : (listed.data ?? [])).map((model) => model.id);
    expect(ids).toContain('veo-3.1');
  }, 300_000);
});
