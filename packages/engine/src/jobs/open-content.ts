import { InvalidRequestError } from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { RequestContext, StoredContent } from '../engine-types';
import { NotFoundError } from '../errors';
import type { StoredOutput } from '../store';
import { liveChildren, visibleJob } from './visible-job';

/**
 * The stored file of one variant, to stream whole or by range from the output store (the data dir or the shared
 * bucket: any instance serves any job). A parent (`n` > 1) serves its first completed child's files.
 */
export async function openContent(
  ctx: EngineContext,
  id: string,
  variant: StoredOutput['variant'],
  context: RequestContext,
): Promise<StoredContent> {
  const job = await visibleJob(ctx, id, context);
  const source =
    job.kind === 'parent'
      ? ((await liveChildren(ctx, job)).find((child) => child.state === 'completed') ?? job)
      : job;
  if (source.state !== 'completed') {
    throw new InvalidRequestError({
      status: 409,
      code: 'video_not_ready',
      param: 'video_id',
      message:
        source.state === 'failed' || job.state === 'failed'
          ? `Video ${id} failed; it has no content.`
          : `Video ${id} is not finished yet; poll GET /v1/videos/${id} until status is "completed".`,
    });
  }
  if (source.outputsRemovedAt !== null) {
    throw new NotFoundError(
      `The content of ${id} expired and was removed (retention). Create the video again.`,
      'output_expired',
      'video_id',
    );
  }
  const output = source.outputs?.find((candidate) => candidate.variant === variant);
  if (!output) {
    const available = (source.outputs ?? []).map((candidate) => candidate.variant).join(', ') || 'none';
    throw new NotFoundError(
      `Video ${id} has no ${variant}. Available variants: ${available}.`,
      'variant_not_found',
      'variant',
    );
  }
  const size = await ctx.files.size(source.id, output);
  if (size === undefined) {
    throw new NotFoundError(
      `The stored ${variant} of ${id} is missing from the ${ctx.files.location}.`,
      'output_missing',
    );
  }
  return {
    size,
    contentType: output.contentType,
    open: (range) => ctx.files.open(source.id, output, range),
  };
}
