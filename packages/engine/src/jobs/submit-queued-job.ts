import { ReelayError } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import { planRoute } from '../router/plan-route';
import { failJob, submitJob } from '../router/submit-job';
import { unsealRequest } from '../secrets/request-secrets';
import { SecretBoxError } from '../secrets/secret-box';
import type { JobRecord, StoredRequest } from '../store';
import { jobEnded } from '../webhooks/job-ended';
import { inputShapeOf, inputSourcesOf, releaseInputFiles } from './input-files';

/**
 * Routes and submits a stored `queued_local` job that no create call waits on any more (after a restart,
 * or after its provider proved an interrupted submit never arrived), and reports the end of a job that fails.
 */
export async function submitQueuedJob(ctx: EngineContext, job: JobRecord): Promise<void> {
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
      await submitJob(ctx, job, plan, await inputSourcesOf(ctx, job));
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
export function unsealOrExplain(ctx: EngineContext, request: StoredRequest): StoredRequest {
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
