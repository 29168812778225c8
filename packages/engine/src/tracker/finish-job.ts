import type { PollResult, VideoOutputFile, VideoProvider } from '@reelay/core';
import { fetchOutput, ReelayError } from '@reelay/core';
import { cost } from '@reelay/pricing';
import type { EngineContext } from '../engine-context';
import { logJob, logJobFailed } from '../observability/job-log';
import type { JobRecord, StoredOutput } from '../store';
import { jobEnded } from '../webhooks/job-ended';
import { nextPoll } from './next-poll';
import { goneStatus, OUTPUT_GONE_LIMIT, outputGoneMessage } from './output-gone';

type Succeeded = Extract<PollResult, { status: 'succeeded' }>;

/**
 * Copies the outputs into the output store (the video must arrive; thumbnails are best effort), prices the job
 * from the duration actually made, and marks it completed with its expiry. Output URLs are downloaded here,
 * through the engine's safe fetcher (the operator's trusted and private origins), never by the plugin; only
 * bytes behind the provider's credential come through its `content()`. A failed download is retried on the
 * next poll, with that poll's URLs (signed ones expire), until the deadline.
 */
export async function finishJob(
  ctx: EngineContext,
  job: JobRecord,
  provider: VideoProvider,
  result: Succeeded,
): Promise<number | undefined> {
  const offering = ctx.registry.offerings().find((candidate) => candidate.id === job.offeringId);
  const variants = new Set<VideoOutputFile['variant']>(['video']);
  for (const output of result.outputs) variants.add(output.variant);
  for (const variant of offering?.capabilities.variants ?? []) variants.add(variant);

  const stored: StoredOutput[] = [];
  for (const variant of variants) {
    try {
      const content = await fetchOutput({
        provider,
        operation: job.operation!,
        outputs: result.outputs,
        variant,
        fetcher: ctx.safeFetcher,
      });
      const output = await ctx.files.save(job.id, variant, content);
      stored.push(output);
      ctx.metrics.upstreamRequests({ provider: provider.id, operation: 'content', outcome: 'ok' });
      logJob(ctx, job, 'job.output_stored', `stored the ${variant}`, {
        provider: provider.id,
        variant,
        bytes: output.size,
        content_type: output.contentType,
      });
    } catch (error) {
      ctx.metrics.upstreamRequests({ provider: provider.id, operation: 'content', outcome: 'error' });
      if (variant === 'video') {
        logJob(ctx, job, 'job.poll_failed', `the video could not be stored yet: ${String(error)}`, {
          provider: provider.id,
          variant,
        });
        // The next try writes new files; these would be orphans.
        await ctx.files.removeFiles(job.id, stored);
        const gone = goneStatus(error);
        const tries = gone === undefined ? 0 : (ctx.outputsGone.get(job.id) ?? 0) + 1;
        ctx.outputsGone.set(job.id, tries);
        if (gone !== undefined && tries >= OUTPUT_GONE_LIMIT) {
          await failOutputGone(ctx, job, provider, outputGoneMessage(provider.name, gone, tries));
          return undefined;
        }
        const next = nextPoll(ctx, job);
        await ctx.store.update(job.id, { pollCount: job.pollCount + 1, nextPollAt: next }, [
          'submitted',
          'in_progress',
        ]);
        return next;
      }
    }
  }

  const now = ctx.now();
  const billed = result.costMicros;
  const costMicros =
    billed !== undefined && Number.isFinite(billed) && billed >= 0
      ? Math.round(billed)
      : finalCost(ctx, job, result.seconds);
  // The compare-and-set that commits the job also commits the names of the files this call wrote.
  const completed = await ctx.store.update(
    job.id,
    {
      state: 'completed',
      progress: 100,
      outputs: stored,
      costMicros,
      completedAt: now,
      expiresAt: now + ctx.settings.retentionMs,
      nextPollAt: null,
    },
    ['submitted', 'in_progress'],
  );
  if (completed) {
    ctx.metrics.jobsCompleted({ provider: provider.id });
    logJob(ctx, job, 'job.completed', `completed at ${provider.id}`, {
      provider: provider.id,
      upstream_id: job.upstreamId,
      cost_micros: costMicros,
      seconds: result.seconds ?? job.seconds,
      duration_ms: now - job.createdAt,
    });
    await jobEnded(ctx, job.id);
  } else {
    // Deleted while downloading, or another instance completed the job first: its row names its own files,
    // which must stay. Ours were written under names of our own (see outputFileName), so only they go.
    await ctx.files.removeFiles(job.id, stored);
  }
  return undefined;
}

function finalCost(ctx: EngineContext, job: JobRecord, actualSeconds: number | undefined): number | null {
  if (!job.provider || !job.tier) return null;
  try {
    return cost(ctx.catalog, {
      provider: job.provider,
      model: job.model,
      tier: job.tier as Parameters<typeof cost>[1]['tier'],
      audio: job.audio,
      // An extension reports the whole video's length; only the new segment was made, and is billed.
      actualSeconds:
        actualSeconds !== undefined && actualSeconds > 0 && job.request.operation !== 'extend'
          ? actualSeconds
          : job.seconds,
      seconds: job.seconds,
      at: new Date(job.createdAt),
    }).micros;
  } catch (error) {
    if (ReelayError.isInstance(error)) return null;
    throw error;
  }
}

/** The provider finished, but its output is gone for good: the job fails, uncharged, with what happened. */
async function failOutputGone(
  ctx: EngineContext,
  job: JobRecord,
  provider: VideoProvider,
  message: string,
): Promise<void> {
  const code = 'output_unavailable';
  const failed = await ctx.store.update(
    job.id,
    { state: 'failed', error: { code, message }, completedAt: ctx.now(), nextPollAt: null },
    ['submitted', 'in_progress'],
  );
  if (!failed) return;
  ctx.metrics.jobsFailed({ provider: provider.id, code });
  logJobFailed(ctx, job, code, message, provider.id);
  await jobEnded(ctx, job.id);
}
