import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AllSimulators, readMp4Info, startAllSimulators } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, cliPath, runBuiltCli } from './run-built-cli';

/* What a new user trips over at the terminal (issue 12): advice that works, warnings shown, plain answers. */

const workDir = mkdtempSync(join(tmpdir(), 'reelay-cli-user-'));
const sandboxEnv = {
  REELAY_SANDBOX: '1',
  REELAY_DATA_DIR: join(workDir, 'sandbox'),
  REELAY_POLL_INITIAL_MS: '100',
};

/** Spawns the built bin and presses Ctrl-C (SIGINT) once stderr shows `Submitted <id>`. */
function interruptAfterSubmit(args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<CliRun & { id: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let id = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const submitted = /Submitted (video_\w+)\n/.exec(stderr);
      if (submitted && !id) {
        id = submitted[1]!;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, id }));
  });
}

describe.runIf(existsSync(cliPath))('reelay for a new user (built bin)', () => {
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  describe('Ctrl-C during generate, in-process, against providers outside the process', () => {
    let simulators: AllSimulators;
    beforeAll(async () => {
      simulators = await startAllSimulators({ behavior: { queueMs: 200, runMs: 3000 } });
    });
    afterAll(() => simulators.close());

    const providerEnv = () => ({
      REELAY_SANDBOX: '0',
      REELAY_DATA_DIR: join(workDir, 'interrupted'),
      REELAY_POLL_INITIAL_MS: '100',
      FAL_KEY: simulators.fal.apiKey,
      FAL_QUEUE_BASE_URL: simulators.fal.baseURL,
    });

    it('gives advice that works: the printed command waits for the job and saves it', async () => {
      const interrupted = await interruptAfterSubmit(
        ['generate', 'a slow boat', '--model', 'fal/veo-3.1', '--seconds', '4', '--poll-interval', '0.1'],
        providerEnv(),
        workDir,
      );
      expect(interrupted.code, interrupted.stderr).toBe(1);
      const advice = new RegExp(`reelay (jobs download ${interrupted.id})`).exec(interrupted.stderr);
      expect(advice, interrupted.stderr).not.toBeNull();

      const resumed = await runBuiltCli(
        [...advice![1]!.split(' '), '-o', 'resumed.mp4', '--poll-interval', '0.1'],
        providerEnv(),
        workDir,
      );
      expect(resumed.stderr + resumed.stdout).toContain('Saved');
      expect(resumed.code).toBe(0);
      const info = readMp4Info(new Uint8Array(readFileSync(join(workDir, 'resumed.mp4'))));
      expect(Math.abs(info.durationSeconds - 4)).toBeLessThan(0.1);
    });

    it('jobs download of a job that fails exits non-zero and writes nothing', async () => {
      simulators.fal.setNextOutcome('fail');
      const created = JSON.parse(
        (
          await runBuiltCli(
            [
              'generate',
              'doomed',
              '--model',
              'fal/veo-3.1',
              '--seconds',
              '4',
              '--json',
              '--poll-interval',
              '0.1',
            ],
            providerEnv(),
            workDir,
          )
        ).stdout,
      ) as { video: { id: string; status: string } };
      expect(created.video.status).toBe('failed');
      const download = await runBuiltCli(
        ['jobs', 'download', created.video.id, '-o', 'doomed.mp4'],
        providerEnv(),
        workDir,
      );
      expect(download.code).toBe(1);
      expect(download.stderr).toContain(`${created.video.id} failed`);
      expect(existsSync(join(workDir, 'doomed.mp4'))).toBe(false);
    });
  });

  it('prints the retired-model and sandbox warnings on stderr, with --json too', async () => {
    for (const json of [false, true]) {
      const run = await runBuiltCli(
        [
          'generate',
          'a paper boat',
          '--model',
          'sora-2-pro',
          '--seconds',
          '4',
          '-o',
          'warned.mp4',
          '--poll-interval',
          '0.1',
          ...(json ? ['--json'] : []),
        ],
        sandboxEnv,
        workDir,
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/warning: sora-2-pro was retired on 2026-09-24/);
      expect(run.stderr).toMatch(/warning: sandbox mode/);
      if (json) expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
  });

  it('leads its help with models that are live, not retired ones', async () => {
    const help = await runBuiltCli(['--help'], sandboxEnv, workDir);
    const generateHelp = await runBuiltCli(['generate', '--help'], sandboxEnv, workDir);
    const models = [...`${help.stdout}${generateHelp.stdout}`.matchAll(/--model ([a-z0-9][\w./-]*)/g)].map(
      (match) => match[1]!,
    );
    expect(models.length).toBeGreaterThan(0);
    for (const model of new Set(models)) {
      const card = await runBuiltCli(['models', model, '--json'], sandboxEnv, workDir);
      expect(JSON.parse(card.stdout), model).toMatchObject({ lifecycle: { status: 'active' } });
    }
  });

  it('prints a snapped parameter as a warning on price', async () => {
    const run = await runBuiltCli(['price', 'veo-3.1', '--seconds', '7'], sandboxEnv, workDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/seconds 7 snapped to \S*8/);
    expect(run.stdout).toMatch(/size defaulted to/);
    expect(run.stdout).not.toContain('as asked');
  });

  it('shows what the gateway chose for a parameter left out, not `null →`', async () => {
    const run = await runBuiltCli(
      ['generate', 'x', '--model', 'veo-3.1', '--seconds', '4', '-o', 'x.mp4', '--poll-interval', '0.1'],
      sandboxEnv,
      workDir,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/size: \(not given\) → /);
    expect(run.stderr).not.toContain('null →');
  });

  it('jobs show prints a summary for a person, and the object with --json', async () => {
    const list = JSON.parse((await runBuiltCli(['jobs', 'list', '--json'], sandboxEnv, workDir)).stdout) as {
      data: Array<{ id: string }>;
    };
    const id = list.data[0]!.id;
    const human = await runBuiltCli(['jobs', 'show', id], sandboxEnv, workDir);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^id:\\s+${id}$`, 'm'));
    expect(human.stdout).toMatch(/^status:\s+completed$/m);
    expect(() => JSON.parse(human.stdout)).toThrow();
    const json = await runBuiltCli(['jobs', 'show', id, '--json'], sandboxEnv, workDir);
    expect(JSON.parse(json.stdout)).toMatchObject({ id });
  });

  it.each([
    { args: ['price'], says: 'reelay price <model>', never: '--model is required' },
    { args: ['models', 'nope'], says: "'reelay models'", never: 'GET /v1/models' },
  ])('reelay $args answers in terms of the CLI', async ({ args, says, never }) => {
    const run = await runBuiltCli(args, sandboxEnv, workDir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toContain(never);
  });

  it('serve refuses a public address without a key by naming the CLI command, and the help example works', async () => {
    const env = { REELAY_DATA_DIR: join(workDir, 'serve'), FAL_KEY: 'fal-key', PORT: '0' };
    const refused = await runBuiltCli(['serve', '--host', '0.0.0.0'], env, workDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('reelay keys create');
    expect(refused.stderr).not.toContain('Unexpected error');

    const help = await runBuiltCli(['serve', '--help'], {}, workDir);
    const example = /reelay keys create (\S+) && FAL_KEY=… reelay serve --host 0\.0\.0\.0/.exec(help.stdout);
    expect(example, help.stdout).not.toBeNull();
    expect((await runBuiltCli(['keys', 'create', example![1]!], env, workDir)).code).toBe(0);
    const served = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, 'serve', '--host', '0.0.0.0'], {
        cwd: workDir,
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        const before = stderr;
        stderr += chunk.toString();
        if (stderr.includes('listening on') && !before.includes('listening on')) child.kill('SIGTERM');
      });
      child.on('error', reject);
      child.on('close', (code) => resolve(`${code}\n${stderr}`));
    });
    expect(served).toMatch(/^0\n/);
    expect(served).toContain('listening on');
  });
});
