import { InvalidRequestError, type VideoList } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import type { JobRecord } from '../store';
import { toVideoObject } from '../view/video-object';
import { liveChildren, ownerOf } from './visible-job';

type Listed = { job: JobRecord; children: JobRecord[] };

/**
 * The caller's videos (children of `n` > 1 requests appear inside their parent), cursor-paginated. A create
 * that was answered with an error and created nothing at any provider is left out: the caller never got a
 * video, so it must not show up as a failed one.
 */
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
  const owner = ownerOf(context);
  const shown: Listed[] = [];
  let after = query.after;
  // Hidden rows make a page short: read on until the page is full (plus one, for has_more) or rows run out.
  for (;;) {
    const rows = await ctx.store.list(owner, { after, limit: limit + 1, order });
    if (rows === undefined) {
      throw new InvalidRequestError({
        param: 'after',
        message: `after '${query.after}' is not one of your videos. Use the last_id of a previous page.`,
      });
    }
    for (const job of rows) {
      const children = await liveChildren(ctx, job);
      if (!refusedAtCreate(job, children)) shown.push({ job, children });
    }
    if (shown.length > limit || rows.length <= limit) break;
    after = rows.at(-1)!.id;
  }
  const data = shown.slice(0, limit).map(({ job, children }) => toVideoObject(ctx.settings, job, children));
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: shown.length > limit,
  };
}

/** The create answered with an error, and every provider tried proved it created nothing. */
function refusedAtCreate(job: JobRecord, children: JobRecord[]): boolean {
  if (job.createError === null) return false;
  const jobs = job.kind === 'parent' ? children : [job];
  return jobs.every((each) => each.attempts.every((attempt) => attempt.outcome === 'failed'));
}
