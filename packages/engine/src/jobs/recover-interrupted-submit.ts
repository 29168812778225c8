import {
  type FindSubmissionResult,
  type FoundSubmission,
  findSubmissionResultSchema,
  ReelayError,
} from '@reelay/core';
import type { EngineContext } from '../engine-context';
import { logJob } from '../observability/job-log';
import { planRoute } from '../router/plan-route';
import { failJob, forgetSecrets, submitRequest } from '../router/submit-job';
import type { Attempt, JobRecord } from '../store';
import { jobEnded } from '../webhooks/job-ended';
import { inputShapeOf, inputSourcesOf, releaseInputFiles } from './input-files';
import { submitQueuedJob, unsealOrExplain } from './submit-queued-job';

/** Clocks differ between us and the provider: the window is widened by this much at each end. */
const CLOCK_SKEW_MS = 2 * 60 * 1000;
/** How long one lookup (all its pages) may take before the answer counts as unknown. */
const LOOKUP_TIMEOUT_MS = 60 * 1000;

export type RecoveryOutcome = 'adopted' | 'resubmitted' | 'failed' | 'skipped';

type Verdict =
  | { kind: 'adopt'; submission: FoundSubmission }
  | { kind: 'resubmit' }
  | { kind: 'unknown'; reason: string };

/**
 * Settles one job left `submitting` by a process that stopped between its create request and the answer:
 * asks the provider (`findSubmission`) and adopts the upstream job when exactly one unclaimed match exists,
 * submits again when the provider proves none does, and otherwise fails the job with `submit_interrupted`
 * (nothing charged). Used on start and by an instance taking over a dead instance's jobs. Run it for one job
 * at a time per provider: a job adopted first then owns its match, so an identical one is not given it too.
 */
export async function recoverInterruptedSubmit(ctx: EngineContext, job: JobRecord): Promise<RecoveryOutcome> {
  if (job.state !== 'submitting' || job.deletedAt !== null) return 'skipped';
  const provider = job.provider ?? 'unknown';
  const verdict = await lookUp(ctx, job);
  logJob(ctx, job, 'job.submit_looked_up', `interrupted submit to ${provider}: ${summarize(verdict)}`, {
    provider,
    outcome: verdict.kind,
    upstream_id: verdict.kind === 'adopt' ? verdict.submission.upstreamId : undefined,
  });
  if (verdict.kind === 'adopt') return (await adopt(ctx, job, verdict.submission)) ? 'adopted' : 'skipped';
  if (verdict.kind === 'resubmit') {
    const attempts = [...job.attempts, attempt(job, 'interrupted')];
    const requeued = await ctx.store.update(job.id, { state: 'queued_local', attempts }, ['submitting']);
    if (!requeued) return 'skipped';
    const stored = await ctx.store.get(job.id);
    if (stored) await submitQueuedJob(ctx, stored);
    return 'resubmitted';
  }
  return (await failInterrupted(ctx, job, verdict.reason)) ? 'failed' : 'skipped';
}

async function lookUp(ctx: EngineContext, job: JobRecord): Promise<Verdict> {
  const providerId = job.provider ?? 'the provider';
  const provider = job.provider === null ? undefined : ctx.registry.providers.get(job.provider);
  if (provider?.findSubmission === undefined) {
    return { kind: 'unknown', reason: `${providerId} offers no way to look a submission up` };
  }
  // A create still being handled when the process died may not be listed yet: ask once it must have settled.
  const startedAt = job.submittedAt ?? job.createdAt;
  const settled = startedAt + ctx.settings.submitSettleMs - ctx.now();
  if (settled > 0) await new Promise((resolve) => setTimeout(resolve, settled));
  let result: FindSubmissionResult;
  try {
    const request = unsealOrExplain(ctx, job.request);
    const candidate = planRoute(ctx, request, inputShapeOf(job)).candidates.find(
      (entry) => entry.offering.id === job.offeringId,
    );
    if (candidate === undefined) {
      return { kind: 'unknown', reason: `${job.offeringId ?? 'its offering'} is no longer configured` };
    }
    const submit = submitRequest(candidate, job.prompt, await inputSourcesOf(ctx, job), {
      reference: job.id,
      beforeCreate: async () => {
        throw new Error('findSubmission must not create anything upstream');
      },
    });
    const query = {
      reference: job.id,
      submittedAfter: startedAt - CLOCK_SKEW_MS,
      submittedBefore: ctx.now() + CLOCK_SKEW_MS,
    };
    const answer = await provider.findSubmission(submit, query, {
      abortSignal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    const parsed = findSubmissionResultSchema.safeParse(answer);
    if (!parsed.success) return { kind: 'unknown', reason: `${providerId}'s plugin gave an invalid answer` };
    result = parsed.data;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unknown', reason: `looking it up at ${providerId} failed: ${message}` };
  }
  if (result.status === 'unknown') return { kind: 'unknown', reason: result.reason };
  if (result.status === 'none') return { kind: 'resubmit' };
  const unclaimed: FoundSubmission[] = [];
  for (const submission of result.submissions) {
    const owner = await ctx.store.byUpstreamId(job.provider!, submission.upstreamId);
    if (owner === undefined || owner.id === job.id) unclaimed.push(submission);
  }
  // Every match already belongs to another of our jobs: the search was complete, so ours never arrived.
  if (unclaimed.length === 0) return { kind: 'resubmit' };
  if (unclaimed.length === 1) return { kind: 'adopt', submission: unclaimed[0]! };
  return {
    kind: 'unknown',
    reason: `${unclaimed.length} jobs at ${providerId} match this request (${unclaimed.map((entry) => entry.upstreamId).join(', ')}), so none can be told to be this one`,
  };
}

/** Takes the upstream job as this job's: `submitted` with its operation, tracked from now on. */
async function adopt(ctx: EngineContext, job: JobRecord, submission: FoundSubmission): Promise<boolean> {
  const now = ctx.now();
  const adopted = await ctx.store.update(
    job.id,
    {
      ...forgetSecrets(ctx, job),
      state: 'submitted',
      operation: submission.operation,
      upstreamId: submission.upstreamId,
      attempts: [...job.attempts, attempt(job, 'submitted')],
      submittedAt: job.submittedAt ?? now,
      nextPollAt: now,
    },
    ['submitting'],
  );
  if (!adopted || job.provider === null) return false;
  ctx.metrics.jobsCreated({ provider: job.provider });
  ctx.scheduler.schedule(job.id, job.provider, now);
  await releaseInputFiles(ctx, job);
  return true;
}

async function failInterrupted(ctx: EngineContext, job: JobRecord, reason: string): Promise<boolean> {
  const provider = job.provider ?? 'the provider';
  const at = new Date(job.submittedAt ?? job.createdAt).toISOString();
  const error = new ReelayError({
    status: 502,
    type: 'upstream_error',
    code: 'submit_interrupted',
    message:
      `The gateway stopped while submitting this job to ${provider}, and whether it was created there could ` +
      `not be established (${reason}). It was not resubmitted, to avoid paying twice, and Reelay charged ` +
      `nothing for it. Check the ${provider} dashboard for a job created around ${at} with this prompt; ` +
      'create the video again only if none is there.',
  });
  const attempts = [...job.attempts, attempt(job, 'interrupted')];
  const failed = await failJob(ctx, job, attempts, error, job.provider, ['submitting']);
  if (failed.state === undefined) return false; // settled meanwhile by the process that sent it
  await jobEnded(ctx, job.id);
  await releaseInputFiles(ctx, job);
  return true;
}

function attempt(job: JobRecord, outcome: Attempt['outcome']): Attempt {
  return { provider: job.provider ?? 'unknown', offering: job.offeringId ?? 'unknown', outcome };
}

function summarize(verdict: Verdict): string {
  if (verdict.kind === 'adopt') return `adopted ${verdict.submission.upstreamId}`;
  if (verdict.kind === 'resubmit') return 'the provider has no such job; submitting again';
  return `unknown (${verdict.reason})`;
}
