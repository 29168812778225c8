const STEPS = 50;
const BAR_WIDTH = 10;
const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * The `logs` text of a running prediction. Replicate has no numeric progress field: models print tqdm bars
 * (` 45%|████▌     | 22/50 [00:04<00:05,  4.80it/s]`), one line per update, and clients read the last one.
 */
export function progressLogs(options: { seed: number; progress: number; runMs: number }): string {
  const lines = [`Using seed: ${options.seed}`, 'Generating video...'];
  const current = Math.max(0, Math.min(100, Math.floor(options.progress)));
  // One line per 10 %, then the current position, as tqdm's default refresh would leave them.
  for (let percent = 0; percent < current; percent += 10) lines.push(tqdmLine(percent, options.runMs));
  lines.push(tqdmLine(current, options.runMs));
  return `${lines.join('\n')}\n`;
}

export function succeededLogs(options: { seed: number; runMs: number }): string {
  return `${progressLogs({ ...options, progress: 100 })}Video saved to /tmp/output.mp4\n`;
}

export function failedLogs(options: { seed: number; runMs: number; error: string }): string {
  return `${progressLogs({ ...options, progress: 60 })}Traceback (most recent call last):\n${options.error}\n`;
}

export function tqdmLine(percent: number, runMs: number): string {
  const step = Math.floor((percent / 100) * STEPS);
  const filled = (percent / 100) * BAR_WIDTH;
  const whole = Math.floor(filled);
  const partial = PARTIAL_BLOCKS[Math.floor((filled - whole) * 8)] ?? '';
  const bar = ('█'.repeat(whole) + partial).padEnd(BAR_WIDTH, ' ');
  const elapsedSeconds = (runMs / 1000) * (percent / 100);
  const remainingSeconds = runMs / 1000 - elapsedSeconds;
  const rate = elapsedSeconds > 0 ? (step / elapsedSeconds).toFixed(2) : '?';
  const pace =
    step === 0 ? `[00:00<?, ?it/s]` : `[${clock(elapsedSeconds)}<${clock(remainingSeconds)}, ${rate}it/s]`;
  return `${String(percent).padStart(3, ' ')}%|${bar}| ${step}/${STEPS} ${pace}`;
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}
