import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AllSimulators, readMp4Info, startAllSimulators } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runBuiltCli, runBuiltCliInPty } from './run-built-cli';

const workDir = mkdtempSync(join(tmpdir(), 'reelay-cli-'));
const sandboxEnv = {
  REELAY_SANDBOX: '1',
  REELAY_DATA_DIR: join(workDir, 'data'),
  REELAY_POLL_INITIAL_MS: '100',
};

describe.runIf(existsSync(cliPath))('reelay (built bin)', () => {
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('generates a playable MP4 of the requested size in sandbox mode', async () => {
    const run = await runBuiltCli(
      [
        'generate',
        'a paper boat',
        '--model',
        'sora-2-pro',
        '--size',
        '1280x720',
        '--seconds',
        '4',
        '-o',
        'boat.mp4',
        '--poll-interval',
        '0.2',
      ],
      sandboxEnv,
      workDir,
    );
    expect(run.stderr + run.stdout).toContain('Saved');
    expect(run.code).toBe(0);
    const info = readMp4Info(new Uint8Array(readFileSync(join(workDir, 'boat.mp4'))));
    expect({ width: info.width, height: info.height }).toEqual({ width: 1280, height: 720 });
    expect(Math.abs(info.durationSeconds - 4)).toBeLessThan(0.1);
    expect(run.stdout).not.toContain('\r');
  });

  it.each([
    ['models'],
    ['models', 'sora-2-pro'],
    ['price', 'sora-2-pro', '--seconds', '8', '--size', '1920x1080'],
    ['jobs', 'list'],
    ['keys', 'list'],
    ['generate', 'a fox', '--model', 'veo-3.1', '--seconds', '4', '-o', 'fox.mp4', '--poll-interval', '0.2'],
  ])('prints JSON only with --json: reelay %s', async (...args) => {
    const run = await runBuiltCli([...args, '--json'], sandboxEnv, workDir);
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('prints JSON for jobs show and jobs download', async () => {
    const list = JSON.parse((await runBuiltCli(['jobs', 'list', '--json'], sandboxEnv, workDir)).stdout) as {
      data: Array<{ id: string }>;
    };
    const id = list.data[0]!.id;
    for (const args of [
      ['jobs', 'show', id],
      ['jobs', 'download', id, '-o', 'again.mp4'],
    ]) {
      const run = await runBuiltCli([...args, '--json'], sandboxEnv, workDir);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toBeTypeOf('object');
    }
  });

  it('creates, lists and revokes keys as JSON', async () => {
    const created = JSON.parse(
      (
        await runBuiltCli(
          ['keys', 'create', 'ci', '--json'],
          { REELAY_DATA_DIR: join(workDir, 'keys') },
          workDir,
        )
      ).stdout,
    ) as { id: string; key: string };
    expect(created.key).toMatch(/^rly_/);
    const revoked = await runBuiltCli(
      ['keys', 'revoke', created.id, '--json'],
      { REELAY_DATA_DIR: join(workDir, 'keys') },
      workDir,
    );
    expect(JSON.parse(revoked.stdout)).toEqual({ id: created.id, revoked: true });
  });

  it.each([
    {
      args: ['generate', 'x', '--model', 'sora-2-pro', '--sise', '1280x720'],
      names: '--sise',
      hint: '--size',
    },
    {
      args: ['generate', 'x', '--model', 'sora-2-pro', '--seconds', 'eight'],
      names: '--seconds',
      hint: 'number',
    },
    { args: ['price', 'sora-2-pro', '--n', '0'], names: '--n', hint: 'whole number' },
    { args: ['jobs', 'explode'], names: 'list, show, cancel, download', hint: 'jobs' },
    { args: ['genrate'], names: "'genrate'", hint: 'generate' },
  ])('exits 2 naming the flag: $names', async ({ args, names, hint }) => {
    const run = await runBuiltCli(args, sandboxEnv, workDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(names);
    expect(run.stderr).toContain(hint);
  });

  it('answers --help on every command with examples', async () => {
    for (const command of ['generate', 'models', 'price', 'jobs', 'keys', 'serve', 'simulators']) {
      const run = await runBuiltCli([command, '--help'], {}, workDir);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Examples:');
    }
  });

  it('shows a progress bar under a terminal, and none without one', async () => {
    const pty = await runBuiltCliInPty(
      [
        'generate',
        'a kite',
        '--model',
        'fal/veo-3.1',
        '--seconds',
        '4',
        '-o',
        'kite.mp4',
        '--poll-interval',
        '0.1',
      ],
      sandboxEnv,
      workDir,
    );
    expect(pty.stdout).toMatch(/\[[█░]+\]\s+\d+%/);
    expect(pty.code).toBe(0);
  });

  describe('against simulators outside the process', () => {
    let simulators: AllSimulators;
    beforeAll(async () => {
      simulators = await startAllSimulators();
    });
    afterAll(() => simulators.close());

    it('--max-cost below the quote exits without submitting anything', async () => {
      const env = {
        REELAY_DATA_DIR: join(workDir, 'max-cost'),
        REELAY_SANDBOX: '0',
        FAL_KEY: simulators.fal.apiKey,
        FAL_QUEUE_BASE_URL: simulators.fal.baseURL,
      };
      const run = await runBuiltCli(
        [
          'generate',
          'too dear',
          '--model',
          'fal/sora-2-pro',
          '--seconds',
          '8',
          '--size',
          '1920x1080',
          '--max-cost',
          '1',
        ],
        env,
        workDir,
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/quoted at \$4\.00, above --max-cost \$1\.00\. Nothing was submitted/);
      expect(simulators.fal.requests).toEqual([]);
    });
  });
});
