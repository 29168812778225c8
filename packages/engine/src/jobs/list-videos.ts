import { InvalidRequestError, type VideoList } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import { toVideoObject } from '../view/video-object';
import { liveChildren, ownerOf } from './visible-job';

/** The caller's videos (children of `n` > 1 requests appear inside their parent), cursor-paginated. */
export async function listVideos(
  ctx: EngineContext,
  context: RequestContext,
  query: { after?: string | undefined; limit?: number | undefined; order?: 'asc' | 'desc' | undefined },
): Promise<VideoList> {
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InvalidRequestError({
      param: 'limit',
      message: `limit must be a whole number from 1 to 100 (got ${limit}).`,
    });
  }
  const order = query.order ?? 'desc';
  const rows = await ctx.store.list(ownerOf(context), { after: query.after, limit: limit + 1, order });
  if (rows === undefined) {
    throw new InvalidRequestError({
      param: 'after',
      message: `after '${query.after}' is not one of your videos. Use the last_id of a previous page.`,
    });
  }
  const data = await Promise.all(
    rows.slice(0, limit).map(async (job) => toVideoObject(ctx.settings, job, await liveChildren(ctx, job))),
  );
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: rows.length > limit,
  };
}
