import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoRoot } from './processes';
import { median } from './stats';

export type CliStartup = {
  runs: number;
  helpMedianMs: number;
  helpMinMs: number;
  baselineMedianMs: number;
  /** `reelay --help` median minus `node -e 0` median. */
  overMs: number;
  ratio: number;
};

/** Wall time of `node apps/cli/dist/main.js --help` (the `reelay` bin) against `node -e 0`, interleaved. */
export function measureCliStartup(options: { runs: number; warmupRuns: number }): CliStartup {
  const main = `${repoRoot}apps/cli/dist/main.js`;
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`pnpm build\` first.`);
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NO_COLOR: '1' };
  const time = (args: string[], check: boolean): number => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { env, cwd: repoRoot, encoding: 'utf8' });
    const elapsed = performance.now() - started;
    if (result.status !== 0 || (check && result.stdout.trim() === '')) {
      throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
    }
    return elapsed;
  };
  for (let index = 0; index < options.warmupRuns; index++) {
    time([main, '--help'], true);
    time(['-e', '0'], false);
  }
  const help: number[] = [];
  const baseline: number[] = [];
  for (let index = 0; index < options.runs; index++) {
    help.push(time([main, '--help'], true));
    baseline.push(time(['-e', '0'], false));
  }
  const helpMedianMs = median(help);
  const baselineMedianMs = median(baseline);
  return {
    runs: options.runs,
    helpMedianMs,
    helpMinMs: Math.min(...help),
    baselineMedianMs,
    overMs: helpMedianMs - baselineMedianMs,
    ratio: helpMedianMs / baselineMedianMs,
  };
}
