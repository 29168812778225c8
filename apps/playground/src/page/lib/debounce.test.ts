import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounceAbortable } from './debounce';

afterEach(() => {
  vi.useRealTimers();
});

describe('debounceAbortable', () => {
  it('runs once after calls stop, and aborts the signal of a run a newer call replaced', async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const schedule = debounceAbortable(async (signal) => {
      signals.push(signal);
    }, 300);

    schedule();
    schedule();
    await vi.advanceTimersByTimeAsync(299);
    expect(signals).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);

    schedule();
    expect(signals[0]?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(signals).toHaveLength(2);
  });

  it('cancel stops a pending run and aborts the running one', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const schedule = debounceAbortable(async () => {
      runs += 1;
    }, 100);
    schedule();
    schedule.cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(0);
  });
});
