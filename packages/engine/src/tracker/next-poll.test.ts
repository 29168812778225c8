import { describe, expect, it } from 'vitest';
import { nextPoll } from './next-poll';

const backoff = { initialMs: 1000, maxMs: 15_000, factor: 1.5, jitter: 0 };
const at = (now: number) => ({ now: () => now, random: () => 0.5, settings: { backoff } });
// Poll number 20 of a long job: the backoff wait is the longest, 15 s.
const longJob = { pollCount: 20, deadlineAt: null, submittedAt: 0 };

describe('nextPoll', () => {
  it('waits the backoff when the provider reports no progress, or progress that predicts a later end', () => {
    expect(nextPoll(at(100_000), longJob)).toBe(115_000);
    expect(nextPoll(at(100_000), longJob, 0)).toBe(115_000);
    // 50 % after 100 s: the end is 100 s away, past the wait.
    expect(nextPoll(at(100_000), longJob, 50)).toBe(115_000);
  });

  it('polls at the end the progress predicts when it comes before the wait', () => {
    // 90 % after 90 s: 10 s left at that pace, sooner than the 15 s wait.
    expect(nextPoll(at(90_000), longJob, 90)).toBe(100_000);
  });

  it('never polls sooner than half the wait, so a job stuck near the end costs at most twice the polls', () => {
    expect(nextPoll(at(100_000), longJob, 99.9)).toBe(107_500);
  });

  it('never polls past the deadline', () => {
    expect(nextPoll(at(100_000), { ...longJob, deadlineAt: 104_000 }, 10)).toBe(104_000);
  });
});
