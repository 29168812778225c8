import type { Span } from '@opentelemetry/api';
import { classifyUpstreamFailure, type PollResult, type VideoProvider } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import { logJob, logJobFailed } from '../observability/job-log';
import { inSpan, jobTraceContext } from '../observability/tracing';
import type { JobRecord } from '../store';
import { jobEnded } from '../webhooks/job-ended';
import { finishJob } from './finish-job';
import { nextPoll } from './next-poll';

/**
 * One tracker step for one job: poll (or take the state a provider webhook brought), record progress, finish
 * or fail. Resolves with when to poll next, or `undefined` when the job needs no more polling. Never throws.
 */
export async function pollJob(ctx: EngineContext, id: string): Promise<number | undefined> {
  const next = await step(ctx, id);
  if (next === undefined) ctx.outputsGone.delete(id);
  if (!ctx.pushedResults.has(id)) return next;
  // A webhook arrived during this step: applied now rather than after the backoff, unless the job is done.
  if (next === undefined) ctx.pushedResults.delete(id);
  return next === undefined ? undefined : ctx.now();
}

async function step(ctx: EngineContext, id: string): Promise<number | undefined> {
  const job = await ctx.store.get(id);
  const pushed = ctx.pushedResults.get(id);
  ctx.pushedResults.delete(id);
  if (!job || job.deletedAt !== null || (job.state !== 'submitted' && job.state !== 'in_progress'))
    return undefined;
  // Another instance holds the job now (its provider webhook arrived there, or it took over while this one
  // could not reach the database): it polls, this one lets go. Read with the job, so the check costs nothing.
  if (ctx.leases && job.leaseOwner !== ctx.leases.instanceId) return undefined;
  const provider = job.provider ? ctx.registry.providers.get(job.provider) : undefined;
  if (!provider || !job.operation) return undefined; // provider not configured now; resumed on a later start
  const operation = job.operation;
  return inSpan(
    `poll ${provider.id}`,
    {
      parent: jobTraceContext(job.traceParent),
      attributes: {
        'reelay.job.id': job.id,
        'reelay.provider': provider.id,
        'reelay.upstream_id': job.upstreamId ?? '',
        'reelay.poll.count': job.pollCount + 1,
        'reelay.webhook': pushed !== undefined,
      },
    },
    (span) => advance(ctx, job, operation, provider, pushed, span),
  );
}

/** Polls (or takes the pushed state), then records progress, finishes or fails the job. */
async function advance(
  ctx: EngineContext,
  job: JobRecord,
  operation: NonNullable<JobRecord['operation']>,
  provider: VideoProvider,
  pushed: PollResult | undefined,
  span: Span,
): Promise<number | undefined> {
  const id = job.id;
  const now = ctx.now();
  if (job.deadlineAt !== null && now >= job.deadlineAt) {
    span.setAttribute('reelay.job.status', 'expired');
    await expireJob(ctx, job, provider);
    return undefined;
  }

  let result: PollResult;
  if (pushed !== undefined) {
    result = pushed;
  } else {
    try {
      result = await provider.poll(operation);
    } catch (error) {
      return pollFailed(ctx, job, error);
    }
    ctx.metrics.upstreamRequests({ provider: provider.id, operation: 'poll', outcome: 'ok' });
    ctx.breakers.success(provider.id);
  }

  span.setAttribute('reelay.job.status', result.status);
  logStatusChange(ctx, job, provider.id, result, pushed !== undefined);
  if (result.status === 'failed') {
    const code = result.canceled ? 'canceled' : result.error.code || 'generation_failed';
    const message = `${provider.name}: ${result.error.message}`;
    if (
      await ctx.store.update(
        id,
        { state: 'failed', error: { code, message }, completedAt: now, nextPollAt: null },
        ['submitted', 'in_progress'],
      )
    ) {
      ctx.metrics.jobsFailed({ provider: provider.id, code });
      logJobFailed(ctx, job, code, message, provider.id);
      await jobEnded(ctx, id);
    }
    return undefined;
  }
  if (result.status === 'succeeded') return finishJob(ctx, job, provider, result);
  const progress = Math.max(job.progress, clampProgress(result.progress));
  const next = nextPoll(ctx, job, progress);
  await ctx.store.update(
    id,
    {
      state: result.status === 'queued' ? 'submitted' : 'in_progress',
      progress,
      pollCount: job.pollCount + 1,
      nextPollAt: next,
    },
    ['submitted', 'in_progress'],
  );
  return next;
}

async function pollFailed(ctx: EngineContext, job: JobRecord, error: unknown): Promise<number | undefined> {
  const providerId = job.provider ?? 'unknown';
  ctx.metrics.upstreamRequests({ provider: providerId, operation: 'poll', outcome: 'error' });
  const failure = classifyUpstreamFailure(error);
  logJob(ctx, job, 'job.poll_failed', `poll of ${providerId} failed: ${describeError(error)}`, {
    provider: providerId,
    upstream_id: job.upstreamId,
    status: failure.statusCode,
    poll: job.pollCount + 1,
  });
  if (failure.providerFault) ctx.breakers.failure(providerId);
  if (failure.jobGone) {
    const message = `${providerId} no longer knows this job (HTTP ${failure.statusCode}); it cannot be tracked further.`;
    if (
      await ctx.store.update(
        job.id,
        {
          state: 'failed',
          error: { code: 'upstream_job_not_found', message },
          completedAt: ctx.now(),
          nextPollAt: null,
        },
        ['submitted', 'in_progress'],
      )
    ) {
      ctx.metrics.jobsFailed({ provider: providerId, code: 'upstream_job_not_found' });
      logJobFailed(ctx, job, 'upstream_job_not_found', message, providerId);
      await jobEnded(ctx, job.id);
    }
    return undefined;
  }
  // Anything else (network, 5xx, 429, rotated credentials) may pass: keep trying until the deadline.
  const next = Math.max(nextPoll(ctx, job), ctx.now() + failure.retryAfterMs);
  await ctx.store.update(job.id, { pollCount: job.pollCount + 1, nextPollAt: next }, [
    'submitted',
    'in_progress',
  ]);
  return next;
}

async function expireJob(ctx: EngineContext, job: JobRecord, provider: VideoProvider): Promise<void> {
  let cancelled = false;
  if (provider.cancel && job.operation) {
    cancelled = await provider.cancel(job.operation).then(
      () => true,
      () => false,
    );
    ctx.metrics.upstreamRequests({
      provider: provider.id,
      operation: 'cancel',
      outcome: cancelled ? 'ok' : 'error',
    });
  }
  const deadline = ctx.settings.jobDeadlineMs;
  const limit =
    deadline % 60_000 === 0
      ? `${deadline / 60_000} min`
      : deadline >= 1000
        ? `${Math.round(deadline / 1000)} s`
        : `${deadline} ms`;
  const message =
    `The job did not finish within its deadline (${limit}) and ` +
    (cancelled
      ? `was cancelled at ${provider.name}.`
      : `was abandoned (${provider.name} could not be asked to cancel it).`);
  if (
    await ctx.store.update(
      job.id,
      {
        state: 'failed',
        error: { code: 'deadline_exceeded', message },
        completedAt: ctx.now(),
        nextPollAt: null,
      },
      ['submitted', 'in_progress'],
    )
  ) {
    ctx.metrics.jobsFailed({ provider: provider.id, code: 'deadline_exceeded' });
    logJobFailed(ctx, job, 'deadline_exceeded', message, provider.id);
    await jobEnded(ctx, job.id);
  }
}

/** `job.polled`, once per change of the upstream status; polls that change nothing would drown the log. */
function logStatusChange(
  ctx: EngineContext,
  job: JobRecord,
  providerId: string,
  result: PollResult,
  pushed: boolean,
): void {
  const before = job.state === 'submitted' ? 'queued' : 'in_progress';
  if (result.status === before) return;
  logJob(ctx, job, 'job.polled', `${providerId} reports ${result.status}`, {
    provider: providerId,
    upstream_id: job.upstreamId,
    status: result.status,
    previous_status: before,
    progress: result.status === 'succeeded' ? 100 : clampProgress('progress' in result ? result.progress : 0),
    poll: job.pollCount + 1,
    by_webhook: pushed,
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clampProgress(progress: number | undefined): number {
  if (progress === undefined || !Number.isFinite(progress)) return 0;
  return Math.max(0, Math.min(99, Math.round(progress)));
}
