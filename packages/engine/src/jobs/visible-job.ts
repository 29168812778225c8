import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import { videoNotFound } from '../errors';
import type { JobRecord } from '../store';

export function ownerOf(context: RequestContext): string {
  return context.apiKeyId ?? '';
}

/** The job if it exists, is not deleted and belongs to the caller's key; 404 otherwise (never 403). */
export async function visibleJob(
  ctx: EngineContext,
  id: string,
  context: RequestContext,
): Promise<JobRecord> {
  const job = await ctx.store.get(id);
  if (!job || job.deletedAt !== null || job.owner !== ownerOf(context)) throw videoNotFound(id);
  return job;
}

/** A parent's children that are still there. */
export async function liveChildren(ctx: EngineContext, job: JobRecord): Promise<JobRecord[]> {
  if (job.kind !== 'parent') return [];
  return (await ctx.store.children(job.id)).filter((child) => child.deletedAt === null);
}
