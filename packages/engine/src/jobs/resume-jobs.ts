import type { EngineContext } from '../engine-context';
import type { UnfinishedJob } from '../store';
import { recoverInterruptedSubmit } from './recover-interrupted-submit';
import { submitQueuedJob } from './submit-queued-job';

/**
 * Picks unfinished jobs back up: after a start every one (`jobs` unset, one process owns the store), or the
 * ones this instance just claimed from the leases of instances that stopped or died:
 * - `submitted` / `in_progress`: polled again;
 * - `submitting`: the create request may or may not have reached the provider, so the provider is asked
 *   (`recoverInterruptedSubmit`): the job is adopted, sent again when it proves nothing arrived, or failed;
 * - `queued_local`: nothing was sent, so it is routed and submitted now.
 */
export async function resumeJobs(ctx: EngineContext, jobs?: UnfinishedJob[]): Promise<void> {
  const interrupted: string[] = [];
  const queued: string[] = [];
  for (const job of jobs ?? (await ctx.store.unfinished())) {
    if (job.state === 'submitted' || job.state === 'in_progress') {
      if (job.provider) ctx.scheduler.schedule(job.id, job.provider, job.nextPollAt ?? ctx.now());
    } else if (job.state === 'submitting') {
      interrupted.push(job.id);
    } else {
      queued.push(job.id);
    }
  }
  // Jobs never sent go first: each has recorded its upstream job before any lookup runs, so a lookup can never
  // take one of theirs for an interrupted one.
  for (const id of queued) {
    const job = await ctx.store.get(id);
    if (job && job.state === 'queued_local' && job.deletedAt === null) await submitQueuedJob(ctx, job);
  }
  // One at a time: a job adopted first owns its upstream match, so the next identical one does not take it.
  for (const id of interrupted) {
    const job = await ctx.store.get(id);
    if (job) await recoverInterruptedSubmit(ctx, job);
  }
}
