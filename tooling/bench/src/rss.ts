import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** Resident set size of another process, in bytes; `peak` is the kernel's high-water mark where available. */
export function readRss(pid: number): { rss: number; peak: number | undefined } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    const rss = field('VmRSS');
    if (rss !== undefined) return { rss, peak: field('VmHWM') };
  } catch {
    // not Linux: fall back to ps below
  }
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return { rss: kb * 1024, peak: undefined };
}

/** Resets the kernel's peak-RSS mark (Linux ≥ 4.0), so VmHWM covers only what follows. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples RSS every `intervalMs` until stopped; returns the highest sample and the peak mark. */
export function sampleRss(pid: number, intervalMs: number) {
  let max = readRss(pid).rss;
  let count = 1;
  const timer = setInterval(() => {
    try {
      max = Math.max(max, readRss(pid).rss);
      count += 1;
    } catch {
      // the process exited; keep what was sampled
    }
  }, intervalMs);
  return {
    stop(): { maxSampled: number; peak: number | undefined; samples: number } {
      clearInterval(timer);
      const last = readRss(pid);
      return { maxSampled: Math.max(max, last.rss), peak: last.peak, samples: count + 1 };
    },
  };
}
