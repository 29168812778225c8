import { describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/test-engine';
import { DueQueue } from './due-queue';
import { createScheduler } from './scheduler';
import { createTokenBucket } from './token-bucket';

describe('createTokenBucket', () => {
  it.each([
    // [rate/s, capacity, takes at t=0, expected successes]
    [1, 3, 5, 3],
    [10, 1, 2, 1],
    [0.5, 2, 2, 2],
  ])('rate %d/s capacity %d: %d takes at once give %d', (rate, capacity, takes, expected) => {
    const bucket = createTokenBucket(rate, capacity);
    const granted = Array.from({ length: takes }, () => bucket.take(0)).filter(Boolean).length;
    expect(granted).toBe(expected);
  });

  it('should refill over time and say when the next token comes', () => {
    const bucket = createTokenBucket(2, 1);
    expect(bucket.take(0)).toBe(true);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.nextAt(0)).toBe(500);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
  });
});

describe('DueQueue', () => {
  it('should pop ids in due order and skip rescheduled or removed ones', () => {
    const queue = new DueQueue();
    queue.schedule('a', 30);
    queue.schedule('b', 10);
    queue.schedule('c', 20);
    queue.schedule('a', 5); // moved earlier
    queue.remove('c');
    expect(queue.size).toBe(2);
    expect(queue.peekDueAt()).toBe(5);
    expect(queue.popDue(100)).toBe('a');
    expect(queue.popDue(9)).toBeUndefined();
    expect(queue.popDue(10)).toBe('b');
    expect(queue.popDue(1000)).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('should stay ordered over many random operations', () => {
    const queue = new DueQueue();
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const due = new Map<string, number>();
    for (let index = 0; index < 5000; index++) {
      const id = `j${Math.floor(random() * 500)}`;
      const at = Math.floor(random() * 10_000);
      queue.schedule(id, at);
      due.set(id, at);
    }
    const popped: number[] = [];
    for (
      let id = queue.popDue(Number.MAX_SAFE_INTEGER);
      id !== undefined;
      id = queue.popDue(Number.MAX_SAFE_INTEGER)
    ) {
      popped.push(due.get(id)!);
    }
    expect(popped).toHaveLength(due.size);
    expect(popped).toEqual([...popped].sort((a, b) => a - b));
  });
});

describe('createScheduler', () => {
  it('should never poll a provider beyond its budget while the clock stands still', async () => {
    const runs: string[] = [];
    const scheduler = createScheduler({
      requestsPerSecond: 3,
      maxConcurrent: 100,
      now: () => 0, // no time passes, so the bucket never refills
      run: async (id) => {
        runs.push(id);
        return 0; // due again at once
      },
    });
    for (let index = 0; index < 10; index++) scheduler.schedule(`a${index}`, 'alpha', 0);
    scheduler.schedule('b0', 'beta', 0);
    scheduler.start();
    await waitFor(() => runs.length === 6);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs.filter((id) => id.startsWith('a'))).toHaveLength(3);
    // Another provider's budget is its own: b0 is polled again until beta's three tokens are used.
    expect(runs.filter((id) => id === 'b0')).toHaveLength(3);
    expect(scheduler.size()).toBe(11);
    await scheduler.stop();
  });

  it('should drop a job when its poll says it is done, and not run removed jobs', async () => {
    const runs: string[] = [];
    let clock = 0;
    const scheduler = createScheduler({
      requestsPerSecond: 1000,
      maxConcurrent: 2,
      now: () => clock,
      run: async (id) => {
        runs.push(id);
        return undefined;
      },
    });
    scheduler.schedule('x', 'alpha', 0);
    scheduler.schedule('y', 'alpha', 0);
    scheduler.schedule('z', 'alpha', 0);
    scheduler.remove('y');
    scheduler.start();
    await waitFor(() => runs.length === 2);
    clock = 10;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs.sort()).toEqual(['x', 'z']);
    expect(scheduler.size()).toBe(0);
    await scheduler.stop();
  });
});
