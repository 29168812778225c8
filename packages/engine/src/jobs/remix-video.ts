import { createHash } from 'node:crypto';
import { InvalidRequestError, type SubmitResult, type VideoObject } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import { newVideoId } from '../ids';
import { budgetExceeded, reservationsFor } from '../keys/budget-guard';
import { logJob } from '../observability/job-log';
import {
  allAttemptsFailedError,
  ambiguousSubmitError,
  classifySubmitError,
  toAttemptError,
} from '../router/attempt-error';
import { canonicalJson } from '../router/stored-request';
import { failJob } from '../router/submit-job';
import type { Attempt, JobRecord } from '../store';
import { toVideoObject } from '../view/video-object';
import { newJob } from './new-job';
import { visibleJob } from './visible-job';

/**
 * A new video from a finished one with a new prompt, at the provider that made the original (only it has
 * the source). Stored as `submitting` before the call, like any submit, and never sent elsewhere.
 */
export async function remixVideo(
  ctx: EngineContext,
  id: string,
  prompt: string,
  context: RequestContext,
): Promise<VideoObject> {
  const original = await visibleJob(ctx, id, context);
  if (typeof prompt !== 'string' || prompt.trim().length === 0 || prompt.length > 32_000) {
    throw new InvalidRequestError({
      param: 'prompt',
      message: 'prompt is required for a remix (1–32000 characters).',
    });
  }
  if (original.kind === 'parent') {
    throw new InvalidRequestError({
      param: 'video_id',
      code: 'remix_unsupported',
      message: `${id} groups several videos; remix one of them by the id in metadata.children.`,
    });
  }
  if (original.state !== 'completed' || !original.operation || !original.provider) {
    throw new InvalidRequestError({
      status: 409,
      param: 'video_id',
      code: 'video_not_ready',
      message: `Only a completed video can be remixed; ${id} is ${original.state === 'failed' ? 'failed' : 'not finished yet'}.`,
    });
  }
  const provider = ctx.registry.providers.get(original.provider);
  const offering = ctx.registry.offerings().find((candidate) => candidate.id === original.offeringId);
  if (!provider?.remix || !offering?.capabilities.remix) {
    const able = ctx.registry
      .offerings()
      .filter(
        (candidate) => candidate.capabilities.remix && ctx.registry.providers.get(candidate.provider)?.remix,
      )
      .map((candidate) => candidate.id);
    throw new InvalidRequestError({
      param: 'video_id',
      code: 'remix_unsupported',
      message:
        `${original.provider} cannot remix ${original.model} videos, and a remix must run where the original was made. ` +
        `Remix works for videos made by: ${able.length ? able.join(', ') : 'no configured provider'}.`,
    });
  }

  const now = ctx.now();
  const remixId = newVideoId();
  const { n: _n, sealed: _sealed, ...kept } = original.request;
  const request = { ...kept, prompt };
  const job = newJob({
    ...pick(original),
    id: remixId,
    owner: original.owner,
    kind: 'single',
    state: 'submitting',
    prompt,
    request,
    bodyHash: createHash('sha256')
      .update(canonicalJson({ remix: id, prompt }))
      .digest('hex'),
    remixedFrom: id,
    requestId: context.requestId ?? null,
    submitAttempt: 1,
    createdAt: now,
    deadlineAt: now + ctx.settings.jobDeadlineMs,
  });
  const budget = reservationsFor(context, [{ jobId: remixId, micros: job.costEstimateMicros ?? 0 }], now);
  const inserted = await ctx.store.insert([job], undefined, budget);
  if (!inserted.inserted && 'budget' in inserted) throw budgetExceeded(inserted.budget, job.owner, now);

  let result: SubmitResult;
  const attempt = { provider: provider.id, offering: offering.id };
  try {
    result = await provider.remix(original.operation, prompt);
  } catch (error) {
    const failure = classifySubmitError(error);
    ctx.metrics.upstreamRequests({ provider: provider.id, operation: 'remix', outcome: 'error' });
    if (failure.providerFault) ctx.breakers.failure(provider.id);
    const attempts: Attempt[] = [
      { ...attempt, outcome: failure.nothingCreated ? 'failed' : 'unknown', error: toAttemptError(failure) },
    ];
    const reported = failure.nothingCreated
      ? allAttemptsFailedError(remixId, attempts)
      : ambiguousSubmitError(remixId, provider.id, failure);
    await failJob(ctx, job, attempts, reported, provider.id);
    throw reported;
  }
  ctx.metrics.upstreamRequests({ provider: provider.id, operation: 'remix', outcome: 'ok' });
  ctx.breakers.success(provider.id);
  const nextPollAt = ctx.now() + ctx.settings.backoff.initialMs;
  if (
    await ctx.store.update(
      remixId,
      {
        state: 'submitted',
        operation: result.operation,
        upstreamId: result.upstreamId,
        attempts: [{ ...attempt, outcome: 'submitted' }],
        warnings: [
          ...original.warnings.filter((warning) => warning.type === 'deprecated'),
          ...result.warnings,
        ],
        submittedAt: ctx.now(),
        nextPollAt,
      },
      ['submitting'],
    )
  ) {
    ctx.metrics.jobsCreated({ provider: provider.id });
    logJob(ctx, job, 'job.submitted', `remix of ${id} submitted to ${provider.id}`, {
      provider: provider.id,
      offering: offering.id,
      upstream_id: result.upstreamId,
      remixed_from: id,
    });
    ctx.scheduler.schedule(remixId, provider.id, nextPollAt);
  }
  return toVideoObject(ctx.settings, (await ctx.store.get(remixId))!);
}

/** What a remix keeps from the original: model, route and settings. */
function pick(original: JobRecord) {
  return {
    model: original.model,
    requestedModel: original.requestedModel,
    provider: original.provider,
    offeringId: original.offeringId,
    upstreamModel: original.upstreamModel,
    size: original.size,
    seconds: original.seconds,
    tier: original.tier,
    audio: original.audio,
    normalization: original.normalization,
    costEstimateMicros: original.costEstimateMicros,
  };
}
