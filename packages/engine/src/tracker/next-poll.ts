import { backoffDelay } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { JobRecord } from '../store';

/**
 * Backoff with jitter, never past the deadline (so the deadline is acted on promptly). When the provider reports
 * progress, the poll comes sooner if the job should end sooner: at the end its progress so far predicts, so a job
 * that ends between two long backoff waits is seen ending within moments instead of up to a whole wait later. The
 * prediction never brings a poll closer than half the backoff wait, so a job stuck at 99 % costs at most twice the
 * polls, and a provider without progress is polled as before.
 */
export function nextPoll(
  ctx: Pick<EngineContext, 'now' | 'random'> & { settings: Pick<EngineContext['settings'], 'backoff'> },
  job: Pick<JobRecord, 'pollCount' | 'deadlineAt' | 'submittedAt'>,
  progress?: number,
): number {
  const now = ctx.now();
  const wait = backoffDelay(job.pollCount, ctx.settings.backoff, ctx.random);
  const predicted = predictedEnd(job.submittedAt, progress, now);
  const next =
    predicted === undefined ? now + wait : Math.min(now + wait, Math.max(predicted, now + wait / 2));
  return job.deadlineAt === null ? next : Math.min(next, job.deadlineAt);
}

/** When the job ends if it goes on at the pace it went from its submission to `progress` %, or `undefined`. */
function predictedEnd(
  submittedAt: number | null,
  progress: number | undefined,
  now: number,
): number | undefined {
  if (submittedAt === null || progress === undefined || progress <= 0 || progress >= 100) return undefined;
  const elapsed = now - submittedAt;
  if (elapsed <= 0) return undefined;
  return now + (elapsed * (100 - progress)) / progress;
}
