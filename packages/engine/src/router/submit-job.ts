import type { ReelayError, SubmitRequest, SubmitResult } from '@reelay/core';
import { formatDimensions, InvalidRequestError, toSubmitRequest, UpstreamError } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import { mediaForProvider } from '../images';
import type { InputSources } from '../jobs/input-files';
import { logJob, logJobFailed } from '../observability/job-log';
import { inSpan, jobSpanParent } from '../observability/tracing';
import { publicRequest, redact } from '../secrets/request-secrets';
import type { Attempt, JobPatch, JobRecord, JobState } from '../store';
import {
  allAttemptsFailedError,
  ambiguousSubmitError,
  classifySubmitError,
  lifecycleNoteFor,
  refusedUserParameter,
  type SubmitFailure,
  toAttemptError,
  userParameterError,
} from './attempt-error';
import type { RouteCandidate, RoutePlan } from './plan-route';

/** How a submit ended, with the job as it now stands (kept in memory, so no read-back is needed). */
export type SubmitOutcome = { ok: true; job: JobRecord } | { ok: false; error: ReelayError; job: JobRecord };

export type SubmitOptions = {
  /** The job was inserted already marked `submitting` for the first candidate (one commit fewer). */
  firstMarked?: boolean;
};

/**
 * Submits one stored job, trying candidates in order. Right before the create request the job is marked
 * `submitting` (write-ahead), after it `submitted` with the operation, so a crash in between is detected on
 * restart and looked up, never resubmitted blindly. The mark is written when the adapter calls
 * `beforeCreate` (after its uploads), or before `submit` for adapters that do not call it. Moves to the
 * next candidate only when the failure proves nothing was created.
 */
export async function submitJob(
  ctx: EngineContext,
  job: JobRecord,
  plan: RoutePlan,
  inputs: InputSources,
  options: SubmitOptions = {},
): Promise<SubmitOutcome> {
  const record: JobRecord = { ...job };
  const write = async (patch: JobPatch, onlyIn?: readonly JobState[]) => {
    const written = await ctx.store.update(job.id, patch, onlyIn);
    if (written) Object.assign(record, patch);
    return written;
  };
  const attempts: Attempt[] = [...job.attempts];
  const candidates = plan.allowFallbacks ? plan.candidates : plan.candidates.slice(0, 1);
  let attemptNumber = job.submitAttempt;
  let lifecycleNote: string | undefined;
  // Adapters that refused the request before calling their provider (inputs it cannot take together).
  const refusals: ReelayError[] = [];
  let tried = 0;
  let retryAfterMs = 0; // the last failure's, passed on with a 429

  for (const [index, candidate] of candidates.entries()) {
    if (index > 0) {
      const previous = candidates[index - 1]!.offering.provider;
      logJob(ctx, job, 'job.fell_back', `falling back from ${previous} to ${candidate.offering.provider}`, {
        from_provider: previous,
        provider: candidate.offering.provider,
        offering: candidate.offering.id,
      });
    }
    const mark = async () => {
      attemptNumber += 1;
      const fields = {
        submitAttempt: attemptNumber,
        submittedAt: ctx.now(),
        ...candidateFields(plan, candidate),
      };
      return write({ state: 'submitting', ...fields }, ['queued_local']);
    };
    // Whether the job is recorded as on the wire; until it is, a crash leaves it `queued_local` (sent again).
    let marked = index === 0 && options.firstMarked === true;
    if (!marked && candidate.provider.callsBeforeCreate !== true) {
      if (!(await mark())) return { ok: true, job: record }; // deleted meanwhile: nothing to send
      marked = true;
    }
    const beforeCreate = async () => {
      if (marked) return;
      if (!(await mark())) throw new SubmitWithdrawn(job.id);
      marked = true;
    };

    const provider = candidate.offering.provider;
    const startedAt = performance.now();
    let result: SubmitResult;
    try {
      result = await inSpan(
        `submit ${provider}`,
        {
          parent: jobSpanParent(job.traceParent),
          attributes: {
            'reelay.job.id': job.id,
            'reelay.provider': provider,
            'reelay.offering': candidate.offering.id,
            'reelay.attempt': attemptNumber,
            'gen_ai.provider.name': provider,
            'gen_ai.request.model': candidate.normalized.upstreamModel,
          },
        },
        async (span) => {
          const submitted = await candidate.provider.submit(
            submitRequest(candidate, job.prompt, inputs, { reference: job.id, beforeCreate }),
          );
          span.setAttribute('reelay.upstream_id', submitted.upstreamId);
          return submitted;
        },
      );
    } catch (error) {
      if (error instanceof SubmitWithdrawn) return { ok: true, job: record }; // deleted before it was sent
      tried += 1;
      const refusedHere = isAdapterRefusal(error);
      if (refusedHere) refusals.push(error);
      const report = candidate.normalized.report;
      const classified = withoutSecrets(classifySubmitError(error), plan.secretValues);
      // The create request never left (an upload or a token failed first): nothing can exist upstream.
      const failure = marked ? classified : { ...classified, nothingCreated: true };
      retryAfterMs = failure.retryAfterMs;
      lifecycleNote ??= lifecycleNoteFor(failure, plan.modelId, plan.lifecycle, report);
      // An adapter's own refusal made no request, so it counts as none.
      if (!refusedHere) ctx.metrics.upstreamRequests({ provider, operation: 'submit', outcome: 'error' });
      if (failure.providerFault) ctx.breakers.failure(provider);
      logJob(ctx, job, 'job.attempt_failed', `submit to ${provider} failed: ${failure.message}`, {
        provider,
        offering: candidate.offering.id,
        attempt: attemptNumber,
        status: failure.status,
        code: failure.code,
        nothing_created: failure.nothingCreated,
        duration_ms: Math.round(performance.now() - startedAt),
      });
      if (failure.nothingCreated) {
        attempts.push({
          provider,
          offering: candidate.offering.id,
          outcome: 'failed',
          error: toAttemptError(failure),
        });
        const refused = refusedUserParameter(failure, report, plan.userParameters);
        if (refused !== undefined) {
          const error = userParameterError(job.id, provider, refused, failure);
          Object.assign(record, await failJob(ctx, record, attempts, error, provider));
          return { ok: false, error, job: record };
        }
        await write({ state: 'queued_local', attempts }, ['submitting', 'queued_local']);
        continue;
      }
      attempts.push({
        provider,
        offering: candidate.offering.id,
        outcome: 'unknown',
        error: toAttemptError(failure),
      });
      const ambiguous = ambiguousSubmitError(job.id, provider, failure);
      // Only while still ours to settle: another process may have adopted it after this one was presumed dead.
      Object.assign(record, await failJob(ctx, record, attempts, ambiguous, provider, ['submitting']));
      return { ok: false, error: ambiguous, job: record };
    }
    ctx.metrics.observeSubmit(provider, (performance.now() - startedAt) / 1000);
    ctx.metrics.upstreamRequests({ provider, operation: 'submit', outcome: 'ok' });
    ctx.breakers.success(provider);
    attempts.push({ provider, offering: candidate.offering.id, outcome: 'submitted' });

    const now = ctx.now();
    const nextPollAt = now + Math.min(ctx.settings.backoff.initialMs, ctx.settings.jobDeadlineMs);
    const stored = await write(
      {
        ...forgetSecrets(ctx, record),
        state: 'submitted',
        operation: result.operation,
        upstreamId: result.upstreamId,
        attempts,
        warnings: [...plan.warnings, ...candidate.normalized.warnings, ...result.warnings],
        submittedAt: now,
        nextPollAt,
      },
      ['submitting', 'queued_local'],
    );
    ctx.metrics.jobsCreated({ provider });
    logJob(ctx, job, 'job.submitted', `submitted to ${provider} as ${result.upstreamId}`, {
      provider,
      offering: candidate.offering.id,
      upstream_model: candidate.normalized.upstreamModel,
      upstream_id: result.upstreamId,
      attempt: attemptNumber,
      duration_ms: Math.round(performance.now() - startedAt),
    });
    if (!stored) {
      // Another process that took this job for an interrupted one found and adopted this very upstream job.
      const current = await ctx.store.get(job.id);
      if (current && current.deletedAt === null && current.upstreamId === result.upstreamId) {
        return { ok: true, job: current };
      }
      // Deleted while the submit was in flight: stop the upstream job we just started.
      await candidate.provider.cancel?.(result.operation).catch(() => undefined);
      return { ok: true, job: record };
    }
    ctx.scheduler.schedule(job.id, provider, nextPollAt);
    return { ok: true, job: record };
  }

  // Every candidate refused the request itself: it is the user's to change, so their 400 (with its param) stands.
  const error =
    refusals.length > 0 && refusals.length === tried
      ? refusals[0]!
      : allAttemptsFailedError(job.id, attempts, lifecycleNote, retryAfterMs);
  Object.assign(record, await failJob(ctx, record, attempts, error, attempts.at(-1)?.provider ?? null));
  return { ok: false, error, job: record };
}

/** A 400 an adapter threw before any call to its provider, as opposed to the provider's own answer. */
function isAdapterRefusal(error: unknown): error is ReelayError {
  return InvalidRequestError.isInstance(error) && !UpstreamError.isInstance(error);
}

/** The routing decision as stored on the job, written together with the write-ahead marker. */
export function candidateFields(plan: RoutePlan, candidate: RouteCandidate) {
  const normalized = candidate.normalized;
  return {
    provider: candidate.offering.provider,
    offeringId: candidate.offering.id,
    upstreamModel: normalized.upstreamModel,
    size: formatDimensions(normalized.dimensions),
    seconds: normalized.seconds,
    tier: normalized.tier,
    audio: normalized.audio,
    normalization: normalized.report,
    warnings: [...plan.warnings, ...normalized.warnings],
    costEstimateMicros: candidate.quote?.micros ?? null,
  };
}

/** Thrown by `beforeCreate` when the job was deleted before its create request left. */
class SubmitWithdrawn extends Error {
  constructor(jobId: string) {
    super(`${jobId} was deleted before it was sent; nothing was submitted.`);
  }
}

/** The request for one candidate, each input file in the first form its offering takes. */
export function submitRequest(
  candidate: RouteCandidate,
  prompt: string,
  inputs: InputSources,
  hooks: Pick<SubmitRequest, 'reference' | 'beforeCreate'>,
): SubmitRequest {
  const capabilities = candidate.offering.capabilities;
  const references = capabilities.referenceImages;
  const video =
    inputs.video && capabilities.video ? mediaForProvider(capabilities.video, inputs.video) : undefined;
  return toSubmitRequest({
    offering: candidate.offering,
    normalized: candidate.normalized,
    prompt,
    image:
      inputs.image && capabilities.image ? mediaForProvider(capabilities.image, inputs.image) : undefined,
    lastFrame:
      inputs.lastFrame && capabilities.lastFrame
        ? mediaForProvider(capabilities.lastFrame, inputs.lastFrame)
        : undefined,
    referenceImages: references
      ? inputs.referenceImages.flatMap((image) => mediaForProvider(references, image) ?? [])
      : [],
    video: video && { ...video, seconds: inputs.video?.seconds },
    ...hooks,
  });
}

export async function failJob(
  ctx: EngineContext,
  job: Pick<JobRecord, 'id' | 'request' | 'parentId' | 'requestId'>,
  attempts: Attempt[],
  error: ReelayError,
  provider: string | null,
  /** Fail it only while it is in one of these states (a compare-and-set); `{}` is returned when it was not. */
  onlyIn?: readonly JobState[],
): Promise<JobPatch> {
  const patch: JobPatch = {
    ...forgetSecrets(ctx, job),
    state: 'failed',
    attempts,
    error: { code: error.code ?? 'failed', message: error.message },
    createError: {
      status: error.status,
      type: error.type,
      code: error.code ?? null,
      param: error.param ?? null,
      message: error.message,
    },
    completedAt: ctx.now(),
    nextPollAt: null,
  };
  if (!(await ctx.store.update(job.id, patch, onlyIn))) return {};
  ctx.metrics.jobsFailed({ provider: provider ?? 'none', code: error.code ?? 'failed' });
  logJobFailed(ctx, job, error.code ?? 'failed', error.message, provider);
  return patch;
}

/** Once a submit is acknowledged (or the job gave up), the job no longer needs its secrets: drop them. */
export function forgetSecrets(ctx: EngineContext, job: Pick<JobRecord, 'request'>): JobPatch {
  return job.request.sealed === undefined ? {} : { request: publicRequest(ctx.secrets, job.request) };
}

function withoutSecrets(failure: SubmitFailure, values: readonly string[]): SubmitFailure {
  return values.length === 0 ? failure : { ...failure, message: redact(failure.message, values) };
}
