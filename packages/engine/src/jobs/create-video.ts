import { type CreateVideoRequest, ReelayError } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { CreateVideoResult, RequestContext } from '../engine-types';
import { idempotencyKeyReused, videoNotFound } from '../errors';
import { newVideoId } from '../ids';
import { budgetCheck, budgetExceeded, pricedPlan } from '../keys/budget-guard';
import { logJob } from '../observability/job-log';
import { activeTraceParent } from '../observability/tracing';
import { deprecationOf } from '../router/lifecycle';
import { planRoute, type RoutePlan } from '../router/plan-route';
import { hashRequest, toStoredRequest } from '../router/stored-request';
import { candidateFields, submitJob } from '../router/submit-job';
import { publicRequest, sealRequest } from '../secrets/request-secrets';
import type { IdempotencyEntry, JobRecord, NewJob } from '../store';
import { toVideoObject } from '../view/video-object';
import { checkWebhookUrl } from '../webhooks/check-webhook-url';
import { jobEnded } from '../webhooks/job-ended';
import { filesOf, type InputFiles, inputSourcesOf, releaseInputFiles } from './input-files';
import { newJob } from './new-job';
import { loadRequestImages, loadSourceVideo, requestShape, storeRequestFiles } from './request-inputs';
import { validateRequest } from './validate-request';
import { liveChildren, ownerOf } from './visible-job';

/** Creates in flight per `owner + Idempotency-Key`, so concurrent duplicates wait for the first. */
export type InFlightCreates = Map<string, Promise<CreateVideoResult>>;

export async function createVideo(
  ctx: EngineContext,
  inFlight: InFlightCreates,
  input: CreateVideoRequest,
  context: RequestContext,
): Promise<CreateVideoResult> {
  const request = validateRequest(input);
  const owner = ownerOf(context);
  const key = context.idempotencyKey;
  const bodyHash = hashRequest(request);
  if (key === undefined) return create(ctx, request, context, bodyHash, undefined);

  // Everything up to `inFlight.set` runs without an await, so a duplicate arriving meanwhile sees the entry.
  // Duplicates at other processes sharing the store are settled by the store's atomic claim in `insert`.
  const slot = `${owner}\u0000${key}`;
  for (;;) {
    const pending = inFlight.get(slot);
    if (pending) {
      await pending.catch(() => undefined);
      continue; // the first one settled: it stored the key, or failed before storing anything
    }
    const promise = replayOrCreate(ctx, request, context, bodyHash, key);
    inFlight.set(slot, promise);
    try {
      return await promise;
    } finally {
      if (inFlight.get(slot) === promise) inFlight.delete(slot);
    }
  }
}

async function replayOrCreate(
  ctx: EngineContext,
  request: CreateVideoRequest,
  context: RequestContext,
  bodyHash: string,
  key: string,
): Promise<CreateVideoResult> {
  const existing = await ctx.store.idempotency(ownerOf(context), key);
  if (existing) return replay(ctx, key, bodyHash, existing);
  return create(ctx, request, context, bodyHash, key);
}

async function replay(
  ctx: EngineContext,
  key: string,
  bodyHash: string,
  entry: IdempotencyEntry,
): Promise<CreateVideoResult> {
  if (entry.bodyHash !== bodyHash) throw idempotencyKeyReused(key);
  const job = await ctx.store.get(entry.jobId);
  if (!job || job.deletedAt !== null) throw videoNotFound(entry.jobId);
  if (job.createError) throw rebuildError(job.createError);
  ctx.metrics.idempotentReplays({});
  const lifecycle = ctx.registry.model(job.model)?.card?.lifecycle;
  return {
    video: toVideoObject(ctx.settings, job, await liveChildren(ctx, job)),
    replayed: true,
    deprecation: deprecationOf(lifecycle),
  };
}

async function create(
  ctx: EngineContext,
  request: CreateVideoRequest,
  context: RequestContext,
  bodyHash: string,
  key: string | undefined,
): Promise<CreateVideoResult> {
  const owner = ownerOf(context);
  const stored = toStoredRequest(request);
  // The source video is read first: its size and length decide which offerings can take it.
  const source = request.source ? await loadSourceVideo(ctx, request.source.video, context) : undefined;
  // Route before any image download: a request no offering can serve is refused first.
  const plan = pricedPlan(planRoute(ctx, stored, requestShape(request, source)), context);
  await checkWebhookUrl(ctx, stored.webhook_url);
  const images = await loadRequestImages(ctx, request);

  const id = newVideoId();
  const { files, fresh } = await storeRequestFiles(ctx, id, images, source);
  const jobs = buildJobs(ctx, { id, owner, bodyHash, plan, stored, files, requestId: context.requestId });
  const videoIds = jobs.filter((job) => job.kind !== 'parent').map((job) => job.id);
  const inserted = await ctx.store.insert(
    jobs,
    key === undefined ? undefined : { owner, key, bodyHash, jobId: id },
    budgetCheck(context, plan, videoIds, ctx.now()),
  );
  if (!inserted.inserted) {
    for (const file of filesOf(files)) await ctx.files.removeInput(file);
    if ('budget' in inserted) throw budgetExceeded(inserted.budget, owner, ctx.now());
    // Another process took the key between our check and our insert.
    return replay(ctx, key ?? '', bodyHash, inserted.existing);
  }
  logCreated(ctx, jobs[0]!, plan, owner);

  const sources = await inputSourcesOf(ctx, files, fresh);
  const stamp = ctx.now();
  const records = jobs.map(
    (job): JobRecord => ({ ...job, seq: 0, updatedAt: stamp, leaseOwner: ctx.leases?.instanceId ?? null }),
  );
  const toSubmit = records.length === 1 ? records : records.slice(1);
  const firstMarked = marksBeforeSubmit(plan);
  const outcomes = await Promise.all(
    toSubmit.map((job) => submitJob(ctx, job, plan, sources, { firstMarked })),
  );
  await releaseInputFiles(ctx, { id, parentId: null, ...files });

  const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
  if (failures.length === outcomes.length) {
    const error = failures.length === 1 ? failures[0]! : allChildrenFailed(id, failures);
    if (jobs.length > 1) {
      await ctx.store.update(id, {
        createError: {
          status: error.status,
          type: error.type,
          code: error.code ?? null,
          param: error.param ?? null,
          message: error.message,
        },
      });
    }
    throw error;
  }
  // Children that ended during the create (a fast job, a failed submit) may have been the last of them.
  if (jobs.length > 1) await jobEnded(ctx, id);
  const video =
    records.length === 1
      ? toVideoObject(ctx.settings, outcomes[0]!.job)
      : toVideoObject(
          ctx.settings,
          records[0]!,
          outcomes.map((outcome) => outcome.job),
        );
  return { video, replayed: false, deprecation: deprecationOf(plan.lifecycle) };
}

function buildJobs(
  ctx: EngineContext,
  input: {
    id: string;
    owner: string;
    bodyHash: string;
    plan: RoutePlan;
    stored: NewJob['request'];
    files: InputFiles;
    requestId: string | undefined;
  },
): NewJob[] {
  const { plan, stored } = input;
  const first = plan.candidates[0]!;
  const now = ctx.now();
  const { provider, offeringId, upstreamModel, ...settings } = candidateFields(plan, first);
  const base = {
    owner: input.owner,
    model: plan.modelId,
    requestedModel: plan.requestedModel,
    prompt: stored.prompt,
    // The umbrella of `n` never submits, so it keeps no secret at all; each job that submits keeps them sealed.
    request: publicRequest(ctx.secrets, stored),
    bodyHash: input.bodyHash,
    ...input.files,
    requestId: input.requestId ?? null,
    traceParent: activeTraceParent(),
    ...settings,
    createdAt: now,
    deadlineAt: now + ctx.settings.jobDeadlineMs,
  };
  const n = stored.n ?? 1;
  // Inserted already marked `submitting` for the first candidate, so the write-ahead marker costs no extra
  // commit, unless its adapter marks the job itself right before its create request (after its uploads).
  const premarked = marksBeforeSubmit(plan);
  const marked = {
    ...base,
    request: sealRequest(ctx.secrets, stored),
    provider,
    offeringId,
    upstreamModel,
    state: premarked ? ('submitting' as const) : ('queued_local' as const),
    submitAttempt: premarked ? 1 : 0,
    submittedAt: premarked ? now : null,
  };
  if (n === 1) return [newJob({ ...marked, id: input.id, kind: 'single' })];
  const parent = newJob({
    ...base,
    id: input.id,
    kind: 'parent',
    state: 'parent',
    deadlineAt: null,
    costEstimateMicros: first.quote ? first.quote.micros * n : null,
    normalization: [
      ...first.normalized.report,
      {
        param: 'n',
        requested: n,
        sent: null,
        action: 'emulated',
        note: `${n} separate jobs, one video each`,
      },
    ],
  });
  const children = Array.from({ length: n }, (_, index) =>
    newJob({ ...marked, id: newVideoId(), kind: 'child', parentId: input.id, childIndex: index }),
  );
  return [parent, ...children];
}

/** Whether the first candidate's job is stored already `submitting` (its adapter does not call `beforeCreate`). */
function marksBeforeSubmit(plan: RoutePlan): boolean {
  return plan.candidates[0]!.provider.callsBeforeCreate !== true;
}

function logCreated(ctx: EngineContext, job: NewJob, plan: RoutePlan, owner: string): void {
  logJob(ctx, job, 'job.created', `created ${job.id} for ${plan.modelId}`, {
    key_id: owner || undefined,
    model: plan.modelId,
    n: job.request.n ?? 1,
    candidates: plan.candidates.map((candidate) => candidate.offering.provider),
    cost_estimate_micros: job.costEstimateMicros,
    image: job.inputImage !== null,
    input_files: filesOf(job).length,
    operation: job.request.operation,
  });
  // The prompt is the user's content: only at debug level, never at info.
  logJob(ctx, job, 'job.prompt', 'prompt of the request', { prompt: job.prompt });
}

function allChildrenFailed(id: string, errors: ReelayError[]): ReelayError {
  const status = errors.every((error) => error.status < 500) ? errors.at(-1)!.status : 502;
  // Every video refused for the same parameter of the request: the user's error, naming that parameter.
  const first = errors[0]!;
  const sameParam =
    first.param !== undefined && errors.every((error) => error.param === first.param && error.status === 400);
  return new ReelayError({
    status,
    type: sameParam ? first.type : 'upstream_error',
    param: sameParam ? first.param : undefined,
    code: 'all_children_failed',
    message: `None of the ${errors.length} videos of ${id} could be submitted: ${errors.map((error, index) => `${index + 1}) ${error.message}`).join(' ')}`,
  });
}

export function rebuildError(stored: NonNullable<JobRecord['createError']>): ReelayError {
  return new ReelayError({
    status: stored.status,
    type: stored.type,
    code: stored.code ?? undefined,
    param: stored.param ?? undefined,
    message: stored.message,
  });
}
