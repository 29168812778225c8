import type { PollResult, VideoOutputFile } from '@reelay/core';
import type { FalStatusResponse, FalVideoOutput } from './fal-api';

/**
 * What a status answer means: a final or pending result, or `fetch-output` when the request completed
 * without an error and its output must be read from the result URL.
 */
export type FalStatusMeaning = { kind: 'result'; result: PollResult } | { kind: 'fetch-output' };

export function interpretFalStatus(status: FalStatusResponse): FalStatusMeaning {
  switch (status.status) {
    case 'IN_QUEUE':
      return { kind: 'result', result: { status: 'queued', progress: undefined } };
    case 'IN_PROGRESS':
      return { kind: 'result', result: { status: 'in_progress', progress: undefined } };
    case 'COMPLETED':
      if (status.error || status.error_type) {
        return {
          kind: 'result',
          result: falFailure(status.error || `fal reported ${status.error_type}`, status.error_type),
        };
      }
      return { kind: 'fetch-output' };
    default:
      // fal documents no other state; anything else is treated as terminal rather than polled forever.
      return {
        kind: 'result',
        result: falFailure(`fal reported an unknown status '${status.status}'.`, 'unknown_status'),
      };
  }
}

export function falFailure(message: string, code: string | null | undefined): PollResult {
  const canceled = /cancel/i.test(code ?? '') || /\bcancel(l)?ed\b/i.test(message);
  return {
    status: 'failed',
    error: { code: code || (canceled ? 'canceled' : 'upstream_failed'), message },
    canceled,
  };
}

export function falOutputToResult(output: FalVideoOutput): PollResult {
  const outputs: VideoOutputFile[] = [
    { variant: 'video', url: output.video.url, contentType: output.video.content_type ?? 'video/mp4' },
  ];
  if (output.thumbnail) {
    outputs.push({
      variant: 'thumbnail',
      url: output.thumbnail.url,
      contentType: output.thumbnail.content_type ?? undefined,
    });
  }
  if (output.spritesheet) {
    outputs.push({
      variant: 'spritesheet',
      url: output.spritesheet.url,
      contentType: output.spritesheet.content_type ?? undefined,
    });
  }
  return { status: 'succeeded', outputs, seconds: output.video.duration ?? undefined };
}
