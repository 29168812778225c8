import type { EngineContext } from '../engine-context';
import type { JobRecord } from '../store';
import type { LogFields } from './engine-logger';

/** Job events written to the log; the gateway README describes each. */
export type JobEvent =
  | 'job.created'
  | 'job.prompt'
  | 'job.submitted'
  | 'job.submit_looked_up'
  | 'job.attempt_failed'
  | 'job.fell_back'
  | 'job.polled'
  | 'job.poll_failed'
  | 'job.output_stored'
  | 'job.completed'
  | 'job.failed';

type JobIdentity = Pick<JobRecord, 'id' | 'parentId' | 'requestId'>;

/**
 * One line about one job, carrying the job id and the id of the request that created it, so a job can be
 * followed from the create call through the tracker's polls to its webhook. Failures go out as warnings.
 */
export function logJob(
  ctx: EngineContext,
  job: JobIdentity,
  event: JobEvent,
  message: string,
  fields: LogFields = {},
): void {
  const line = {
    event,
    request_id: job.requestId ?? undefined,
    job_id: job.id,
    parent_id: job.parentId ?? undefined,
    ...fields,
  };
  if (event === 'job.prompt') ctx.log.debug(line, message);
  else if (event === 'job.failed' || event === 'job.attempt_failed' || event === 'job.poll_failed')
    ctx.log.warn(line, message);
  else ctx.log.info(line, message);
}

/** `job.failed`, written wherever a job reaches `failed`. */
export function logJobFailed(
  ctx: EngineContext,
  job: JobIdentity,
  code: string,
  message: string,
  provider: string | null,
): void {
  logJob(ctx, job, 'job.failed', `failed (${code}): ${message}`, { code, provider: provider ?? undefined });
}
