import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import { videoNotFound } from '../errors';
import type { JobRecord } from '../store';

export function ownerOf(context: RequestContext): string {
  return context.apiKeyId ?? '';
}

/** The job if it exists, is not deleted and belongs to the caller's key; 404 otherwise (never 403). */
export function visibleJob(ctx: EngineContext, id: string, context: RequestContext): JobRecord {
  const job = ctx.store.get(id);
  if (!job || job.deletedAt !== null || job.owner !== ownerOf(context)) throw videoNotFound(id);
  return job;
}

/** A parent's children that are still there. */
export function liveChildren(ctx: EngineContext, job: JobRecord): JobRecord[] {
  return job.kind === 'parent' ? ctx.store.children(job.id).filter((child) => child.deletedAt === null) : [];
}
