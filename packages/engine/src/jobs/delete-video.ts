import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import type { JobRecord } from '../store';
import { filesOf, releaseInputFiles } from './input-files';
import { liveChildren, visibleJob } from './visible-job';

/**
 * Cancels a running job upstream (where the provider can), removes its assets upstream (where the provider
 * keeps any) and its stored outputs, then marks it deleted: it answers 404 from then on. A parent takes its
 * children with it.
 */
export async function deleteVideo(
  ctx: EngineContext,
  id: string,
  context: RequestContext,
): Promise<{ id: string; object: 'video.deleted'; deleted: true }> {
  const job = await visibleJob(ctx, id, context);
  const targets = job.kind === 'parent' ? await liveChildren(ctx, job) : [job];
  for (const target of targets) await deleteOne(ctx, target);
  if (job.kind === 'parent') {
    await ctx.store.update(job.id, { deletedAt: ctx.now() });
    for (const file of filesOf(job)) await ctx.files.removeInput(file);
  }
  return { id, object: 'video.deleted', deleted: true };
}

async function deleteOne(ctx: EngineContext, job: JobRecord): Promise<void> {
  ctx.scheduler.remove(job.id);
  ctx.pushedResults.delete(job.id);
  const provider = job.provider ? ctx.registry.providers.get(job.provider) : undefined;
  const operation = job.operation;
  if (provider && operation) {
    const running = job.state === 'submitted' || job.state === 'in_progress';
    if (running && provider.cancel) {
      const ok = await provider.cancel(operation).then(
        () => true,
        () => false,
      );
      ctx.metrics.upstreamRequests({
        provider: provider.id,
        operation: 'cancel',
        outcome: ok ? 'ok' : 'error',
      });
    }
    if (provider.delete) {
      const ok = await provider.delete(operation).then(
        () => true,
        () => false,
      );
      ctx.metrics.upstreamRequests({
        provider: provider.id,
        operation: 'delete',
        outcome: ok ? 'ok' : 'error',
      });
    }
  }
  // A submit still in flight sees the mark and cancels what it started (see submitJob).
  await ctx.store.update(job.id, { deletedAt: ctx.now(), nextPollAt: null });
  await ctx.files.remove(job.id);
  await releaseInputFiles(ctx, job);
}
