import type { Io } from '../io';

const WIDTH = 28;

/** One redrawn terminal line: status, percent, elapsed. Only used when a person is watching a TTY. */
export function createProgressBar(io: Io, label: string) {
  const started = Date.now();
  let last = '';
  return {
    update(status: string, progress: number) {
      const percent = Math.max(0, Math.min(100, Math.round(progress)));
      const filled = Math.round((percent / 100) * WIDTH);
      const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${status.padEnd(11)} ${formatElapsed(Date.now() - started)}`;
      if (line !== last) io.stdout.write(`\r${line}`);
      last = line;
    },
    done() {
      if (last) io.stdout.write('\n');
    },
  };
}

export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
