import { backoffDelay } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { JobRecord } from '../store';

/** Backoff with jitter, never past the deadline (so the deadline is acted on promptly). */
export function nextPoll(ctx: EngineContext, job: Pick<JobRecord, 'pollCount' | 'deadlineAt'>): number {
  const next = ctx.now() + backoffDelay(job.pollCount, ctx.settings.backoff, ctx.random);
  return job.deadlineAt === null ? next : Math.min(next, job.deadlineAt);
}
