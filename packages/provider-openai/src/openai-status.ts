import type { PollResult, VideoOutputFile } from '@reelay/core';
import type { OpenAIVideo } from './openai-api';

/**
 * Outputs of a completed video. OpenAI gives no URLs: bytes come only from the authenticated
 * `GET /videos/{id}/content?variant=…`, so `url` stays undefined and `content()` fetches them.
 */
const COMPLETED_OUTPUTS: readonly VideoOutputFile[] = [
  { variant: 'video', url: undefined, contentType: 'video/mp4' },
  // The API documents WebP for the thumbnail and the guide JPEG for the spritesheet; the download says.
  { variant: 'thumbnail', url: undefined, contentType: undefined },
  { variant: 'spritesheet', url: undefined, contentType: undefined },
];

/** OpenAI's `queued | in_progress | completed | failed` as a poll result; anything else is a failure. */
export function toPollResult(video: OpenAIVideo): PollResult {
  switch (video.status) {
    case 'queued':
    case 'in_progress':
      return { status: video.status, progress: toProgress(video.progress) };
    case 'completed':
      return {
        status: 'succeeded',
        outputs: COMPLETED_OUTPUTS.map((output) => ({ ...output })),
        seconds: toSeconds(video.seconds),
      };
    case 'failed':
      return {
        status: 'failed',
        error: {
          code: video.error?.code ?? 'video_generation_failed',
          message: video.error?.message ?? 'OpenAI marked the video as failed without giving a reason.',
        },
        canceled: false,
      };
    default:
      return {
        status: 'failed',
        error: {
          code: 'unknown_status',
          message: `OpenAI returned video status '${video.status}', which this adapter does not know; the job is treated as failed.`,
        },
        canceled: false,
      };
  }
}

function toProgress(progress: number | null | undefined): number | undefined {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) return undefined;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

function toSeconds(seconds: string | number | null | undefined): number | undefined {
  if (seconds === null || seconds === undefined) return undefined;
  const value = Number(seconds);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
