import type { VideoObject, VideoStatus } from '@reelay/core';
import { microsToUsdString } from '@reelay/pricing';
import type { EngineSettings } from '../engine-context';
import type { JobRecord, JobState } from '../store';

const statusOf: Record<JobState, VideoStatus> = {
  queued_local: 'queued',
  submitting: 'queued',
  submitted: 'queued',
  in_progress: 'in_progress',
  completed: 'completed',
  failed: 'failed',
  parent: 'queued',
};

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

export function money(micros: number | null): { usd: string; micros: number } | null {
  return micros === null ? null : { usd: microsToUsdString(micros), micros };
}

/** The job in OpenAI's video shape, plus `output` and Reelay's `metadata`. */
export function toVideoObject(
  settings: EngineSettings,
  job: JobRecord,
  children: JobRecord[] = [],
): VideoObject {
  if (job.kind === 'parent') return parentObject(settings, job, children);
  const hasOutput = job.state === 'completed' && job.outputs !== null && job.outputsRemovedAt === null;
  return {
    id: job.id,
    object: 'video',
    model: job.model,
    status: statusOf[job.state],
    progress: job.state === 'completed' ? 100 : job.progress,
    created_at: Math.floor(job.createdAt / 1000),
    completed_at: seconds(job.completedAt),
    expires_at: seconds(job.expiresAt),
    prompt: job.prompt,
    size: job.size,
    seconds: formatSeconds(job.seconds),
    remixed_from_video_id: job.remixedFrom,
    error: job.state === 'failed' ? (job.error ?? { code: 'failed', message: 'The job failed.' }) : null,
    output: hasOutput ? outputOf(settings, job.id, job) : null,
    metadata: {
      sandbox: settings.sandbox,
      requested_model: job.requestedModel,
      provider: job.provider,
      offering: job.offeringId,
      provider_model: job.upstreamModel,
      upstream_id: job.upstreamId,
      cost_estimate: money(job.costEstimateMicros),
      cost: money(job.costMicros),
      normalization: job.normalization,
      warnings: job.warnings,
      attempts: job.attempts,
      request_metadata: job.request.metadata ?? null,
      ...(job.parentId !== null ? { parent_id: job.parentId, child_index: job.childIndex } : {}),
      ...(job.outputsRemovedAt !== null ? { output_expired: true } : {}),
    },
  };
}

function parentObject(settings: EngineSettings, job: JobRecord, children: JobRecord[]): VideoObject {
  const statuses = children.map((child) => statusOf[child.state]);
  const finished = statuses.every((status) => status === 'completed' || status === 'failed');
  const anyCompleted = statuses.includes('completed');
  const status: VideoStatus = finished
    ? anyCompleted
      ? 'completed'
      : 'failed'
    : statuses.some((value) => value !== 'queued')
      ? 'in_progress'
      : 'queued';
  const progress = children.length
    ? Math.floor(
        children.reduce((sum, child) => sum + (child.state === 'completed' ? 100 : child.progress), 0) /
          children.length,
      )
    : 0;
  const firstDone = children.find((child) => child.state === 'completed' && child.outputsRemovedAt === null);
  const sum = (values: Array<number | null>) =>
    values.some((value) => value === null)
      ? null
      : values.reduce<number>((total, value) => total + (value ?? 0), 0);
  const completedAt = finished ? Math.max(...children.map((child) => child.completedAt ?? 0)) : null;
  const providers = [...new Set(children.map((child) => child.provider).filter((value) => value !== null))];
  return {
    id: job.id,
    object: 'video',
    model: job.model,
    status,
    progress: status === 'completed' ? 100 : progress,
    created_at: Math.floor(job.createdAt / 1000),
    completed_at: completedAt ? Math.floor(completedAt / 1000) : null,
    expires_at: seconds(firstDone?.expiresAt ?? null),
    prompt: job.prompt,
    size: job.size,
    seconds: formatSeconds(job.seconds),
    remixed_from_video_id: null,
    error:
      status === 'failed'
        ? {
            code: 'all_children_failed',
            message: `All ${children.length} videos failed: ${children.map((child) => child.error?.message ?? 'failed').join(' | ')}`,
          }
        : null,
    output: firstDone ? outputOf(settings, job.id, firstDone) : null,
    metadata: {
      sandbox: settings.sandbox,
      requested_model: job.requestedModel,
      provider: providers.length === 1 ? providers[0] : providers.length === 0 ? null : providers,
      n: children.length,
      cost_estimate: money(job.costEstimateMicros),
      cost: finished
        ? money(sum(children.filter((child) => child.state === 'completed').map((child) => child.costMicros)))
        : null,
      normalization: job.normalization,
      warnings: job.warnings,
      request_metadata: job.request.metadata ?? null,
      children: children.map((child) => ({
        id: child.id,
        index: child.childIndex,
        status: statusOf[child.state],
        progress: child.state === 'completed' ? 100 : child.progress,
        provider: child.provider,
        upstream_id: child.upstreamId,
        cost: money(child.costMicros),
        error: child.state === 'failed' ? child.error : null,
        output:
          child.state === 'completed' && child.outputs && child.outputsRemovedAt === null
            ? outputOf(settings, child.id, child)
            : null,
      })),
    },
  };
}

function outputOf(
  settings: EngineSettings,
  id: string,
  source: JobRecord,
): NonNullable<VideoObject['output']> {
  const base = `${settings.publicBaseURL}/v1/videos/${id}/content`;
  const video = source.outputs?.find((output) => output.variant === 'video');
  const thumbnail = source.outputs?.some((output) => output.variant === 'thumbnail');
  return {
    url: base,
    thumbnail_url: thumbnail ? `${base}?variant=thumbnail` : null,
    content_type: video?.contentType ?? 'video/mp4',
  };
}

function formatSeconds(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}
