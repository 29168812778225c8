import { ReelayError } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import { interruptedSubmitMessage } from '../router/attempt-error';
import { planRoute } from '../router/plan-route';
import { failJob, submitJob } from '../router/submit-job';
import { unsealRequest } from '../secrets/request-secrets';
import { SecretBoxError } from '../secrets/secret-box';
import type { JobRecord, StoredRequest } from '../store';
import { jobEnded } from '../webhooks/job-ended';
import { inputShapeOf, inputSourcesOf, releaseInputFiles } from './input-files';

/**
 * Picks every unfinished job back up after a start:
 * - `submitted` / `in_progress`: polled again;
 * - `submitting`: the submit may or may not have reached the provider, so it is failed, never resent;
 * - `queued_local`: nothing was sent, so it is routed and submitted now.
 */
export async function resumeJobs(ctx: EngineContext): Promise<void> {
  const queued: string[] = [];
  for (const job of await ctx.store.unfinished()) {
    if (job.state === 'submitted' || job.state === 'in_progress') {
      if (job.provider) ctx.scheduler.schedule(job.id, job.provider, job.nextPollAt ?? ctx.now());
    } else if (job.state === 'submitting') {
      const record = await ctx.store.get(job.id);
      if (record) await failInterrupted(ctx, record);
    } else {
      queued.push(job.id);
    }
  }
  for (const id of queued) {
    const job = await ctx.store.get(id);
    if (job && job.state === 'queued_local' && job.deletedAt === null) await resubmit(ctx, job);
  }
}

async function failInterrupted(ctx: EngineContext, job: JobRecord): Promise<void> {
  const error = new ReelayError({
    status: 502,
    type: 'upstream_error',
    code: 'submit_interrupted',
    message: interruptedSubmitMessage(job.provider),
  });
  const attempts = [
    ...job.attempts,
    {
      provider: job.provider ?? 'unknown',
      offering: job.offeringId ?? 'unknown',
      outcome: 'interrupted' as const,
    },
  ];
  await failJob(ctx, job, attempts, error, job.provider);
  await jobEnded(ctx, job.id);
  await releaseInputFiles(ctx, job);
}

async function resubmit(ctx: EngineContext, job: JobRecord): Promise<void> {
  if (job.deadlineAt !== null && ctx.now() >= job.deadlineAt) {
    const error = new ReelayError({
      status: 504,
      type: 'upstream_error',
      code: 'deadline_exceeded',
      message: 'The job passed its deadline before it could be submitted; nothing was sent to any provider.',
    });
    await failJob(ctx, job, job.attempts, error, null);
  } else {
    try {
      const request = unsealOrExplain(ctx, job.request);
      const plan = planRoute(ctx, request, inputShapeOf(job));
      await submitJob(ctx, job, plan, inputSourcesOf(ctx, job));
    } catch (error) {
      if (!ReelayError.isInstance(error)) throw error;
      await failJob(ctx, job, job.attempts, error, null);
    }
  }
  // No one is waiting on a create call any more: a job that failed here is reported like any other end.
  await jobEnded(ctx, job.id);
  await releaseInputFiles(ctx, job);
}

/** The request with its secret parameters decrypted, or a failure that says why they cannot be. */
function unsealOrExplain(ctx: EngineContext, request: StoredRequest): StoredRequest {
  try {
    return unsealRequest(ctx.secrets, request);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return secretUnavailable();
  }
}

function secretUnavailable(): never {
  throw new ReelayError({
    status: 503,
    type: 'server_error',
    code: 'secret_unavailable',
    message:
      "The job's credential parameters could not be decrypted: REELAY_SECRET_KEY changed since the job was " +
      'stored, or differs between gateway instances. Nothing was sent to any provider; create the job again.',
  });
}
