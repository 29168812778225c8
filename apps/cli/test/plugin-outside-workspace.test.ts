import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readMp4Info } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notFoundRegistry } from './not-found-registry';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const DOC = 'docs/writing-a-plugin.md';
const SECTION = '## From an empty folder to a served plugin';
const PACK_LINE =
  'npm install -g pnpm@10 && pnpm install && pnpm build && pnpm pack:all && packs="$PWD/packs"';
const SERVE_LINE = 'REELAY_CONFIG=reelay.json reelay serve';
/** The address the doc's second terminal talks to: the gateway's default. */
const DOC_URL = 'http://127.0.0.1:3000';

/** The shell blocks of the doc's walkthrough, in order. */
function walkthrough(): string[][] {
  const text = readFileSync(join(root, DOC), 'utf8');
  const start = text.indexOf(SECTION);
  expect(start, `${DOC} has no "${SECTION}" section`).toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start + SECTION.length);
  const section = text.slice(start, end === -1 ? undefined : end);
  const blocks = section.match(/```sh\n[\s\S]*?```/g) ?? [];
  return blocks.map((block) => block.split('\n').slice(1, -1));
}

/**
 * The environment a new author's shell has: the test runner's own variables (vitest's, pnpm's `npm_*`, a test
 * store's `REELAY_*`) would change what npm, the plugin's tests and the gateway do, so they are left out.
 */
function authorEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|VITEST|REELAY_|TINYPOOL)|^(NODE_OPTIONS|NODE_ENV)$/.test(key))
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * The Done-when of the plugin platform: a provider plugin built outside the workspace, whose only Reelay
 * dependencies are the packed tarballs, passes the contract suites against its own simulator, and a gateway
 * started with a config file naming the package serves it: dry run, create → poll → content. The commands are
 * those of docs/writing-a-plugin.md, word for word; only where npm puts global packages (a temporary prefix), where
 * `$packs` is (the test packs into its own folder) and the gateway's port (a free one, not 3000) differ.
 */
describe('a plugin written outside the workspace, as docs/writing-a-plugin.md says', () => {
  let work: string;
  let gateway: ChildProcess | undefined;
  let scope: Awaited<ReturnType<typeof notFoundRegistry>> | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reelay-plugin-author-'));
    scope = await notFoundRegistry();
  });
  afterAll(async () => {
    if (gateway?.pid !== undefined && gateway.exitCode === null) process.kill(-gateway.pid, 'SIGTERM');
    await scope?.close();
    // Three installs' node_modules: removing them takes a while on a busy disk.
    if (work) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }, 180_000);

  it('builds, passes the contract suites, and is served by a gateway started with a config file', async () => {
    const [setup, plugin, serve, requests] = walkthrough();
    expect(setup?.[0]).toBe(PACK_LINE);
    expect(serve).toContain(SERVE_LINE);
    expect(requests?.join('\n')).toContain(DOC_URL);

    const packs = join(work, 'packs');
    execFileSync(process.execPath, [join(root, 'tooling/release/pack-all.mjs'), packs], { stdio: 'pipe' });
    const prefix = join(work, 'prefix');
    mkdirSync(join(prefix, 'etc'), { recursive: true });
    writeFileSync(join(prefix, 'etc', 'npmrc'), `@reelay:registry=${scope!.url}\n`);
    const env = authorEnv({
      packs,
      PATH: `${join(prefix, 'bin')}:${process.env['PATH']}`,
      npm_config_prefix: prefix,
      npm_config_globalconfig: join(prefix, 'etc', 'npmrc'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      // Third-party packages npm fetched before come from its cache; a stalled download is retried after 20 s.
      npm_config_prefer_offline: 'true',
      npm_config_fetch_timeout: '20000',
      npm_config_fetch_retries: '4',
      npm_config_fetch_retry_mintimeout: '1000',
      npm_config_fetch_retry_maxtimeout: '5000',
    });

    // Install the CLI, write the plugin, install, build, type-check, test and pack it, install it beside a gateway.
    const script = [...setup!.slice(1), ...plugin!, ...serve!.filter((line) => line !== SERVE_LINE)];
    // The doc's `mktemp -d` folder is made under the test's own, which is removed at the end; `pwd` at the end
    // tells where the gateway folder is.
    mkdirSync(join(work, 'tmp'));
    const built = await run('bash', ['-c', `set -euo pipefail\n${script.join('\n')}\npwd`], {
      cwd: work,
      env: { ...env, TMPDIR: join(work, 'tmp') },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`the doc's commands failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
    });
    // `npm test` ran the plugin's contract suites against its simulator.
    expect(built.stdout).toMatch(/acme provider contract/);
    expect(built.stdout).toMatch(/Tests\s+.*\d+ passed/);
    expect(built.stdout).not.toMatch(/\d+ failed/);
    const gatewayDir = built.stdout.trim().split('\n').at(-1)!;
    expect(gatewayDir.startsWith(join(work, 'tmp'))).toBe(true);
    const pluginDir = join(gatewayDir, '..', 'reelay-provider-acme');
    expect(existsSync(join(pluginDir, 'dist', 'index.js'))).toBe(true);
    // What the scaffold wrote follows the layout every plugin of this repository follows.
    execFileSync(process.execPath, [join(root, 'tooling/check-plugin-layout.mjs'), pluginDir], {
      stdio: 'pipe',
    });
    // Its only Reelay dependencies are the published packages, by version, and they came from the tarballs.
    const manifest = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.values(manifest.dependencies).every((range) => /^\^\d+\.\d+\.\d+/.test(range))).toBe(true);

    // The gateway, as the doc starts it (on a free port instead of 3000).
    gateway = spawn('bash', ['-c', SERVE_LINE], {
      cwd: gatewayDir,
      env: { ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const url = await listeningUrl(gateway);

    const answered = await run(
      'bash',
      ['-c', `set -euo pipefail\n${requests!.join('\n').replaceAll(DOC_URL, url)}`],
      {
        cwd: gatewayDir,
        env,
      },
    );
    // The dry run: routed to the plugin, priced from the config file's catalog entry.
    const dryRun = JSON.parse(answered.stdout.split('\n')[0]!) as {
      object: string;
      route: Array<{ provider: string; quote: { amount_usd?: string } | null }>;
    };
    expect(dryRun.object).toBe('video.dry_run');
    expect(dryRun.route[0]).toMatchObject({ provider: 'acme' });
    expect(dryRun.route[0]?.quote).not.toBeNull();
    // create → poll → content: the video the plugin's simulator rendered, kept and served by the gateway.
    const video = readMp4Info(readFileSync(join(gatewayDir, 'fox.mp4')));
    expect(video).toMatchObject({ width: 1280, height: 720 });
    expect(video.durationSeconds).toBeCloseTo(4, 1);
    const listed = (await (await fetch(`${url}/v1/videos?limit=1`)).json()) as {
      data: Array<{ id: string; status: string; metadata: { provider: string } }>;
    };
    expect(listed.data[0]).toMatchObject({ status: 'completed', metadata: { provider: 'acme' } });
    const content = await fetch(`${url}/v1/videos/${listed.data[0]!.id}/content`);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(readFileSync(join(gatewayDir, 'fox.mp4')))).toBe(
      true,
    );
  }, 300_000);
});

/** The URL from the gateway's `gateway.listening` log line, or its output if it stops first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"event":"gateway\.listening","url":"([^"]+)"/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) =>
      reject(new Error(`the gateway stopped (${code}) before listening:\n${output}`)),
    );
  });
}
