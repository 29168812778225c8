import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../engine-context';
import { liveChildren } from '../jobs/visible-job';
import { toVideoObject } from '../view/video-object';

/**
 * Call after a job reached `completed` or `failed` outside a create call. When the request asked for a
 * `webhook_url` and its video is now final (a single job, or an n > 1 parent once every child ended), stores
 * the `video.completed` / `video.failed` event for delivery. Safe to call more than once: one event per job.
 */
export async function jobEnded(ctx: EngineContext, id: string): Promise<void> {
  const job = await ctx.store.get(id);
  if (!job) return;
  const top = job.parentId === null ? job : await ctx.store.get(job.parentId);
  const url = top?.request.webhook_url;
  if (!top || url === undefined || top.deletedAt !== null) return;
  const video = toVideoObject(ctx.settings, top, await liveChildren(ctx, top));
  if (video.status !== 'completed' && video.status !== 'failed') return;
  const eventId = `evt_${randomBytes(12).toString('hex')}`;
  const type = `video.${video.status}`;
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    type,
    created_at: Math.floor(ctx.now() / 1000),
    data: video,
  });
  await ctx.webhooks.enqueue({ eventId, jobId: top.id, url, type, payload });
}
