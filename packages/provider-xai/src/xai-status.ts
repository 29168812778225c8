import type { PollResult } from '@reelay/core';
import type { XaiVideoStatus } from './xai-api';

/**
 * An xAI video request as Reelay's job state. A `done` answer whose video does not respect moderation is a
 * failure, not a success: xAI gives no usable URL for it.
 */
export function xaiStatusToResult(answer: XaiVideoStatus): PollResult {
  const status = answer.status ?? (answer.video?.url ? 'done' : 'pending');
  switch (status) {
    case 'pending':
      return { status: 'in_progress', progress: answer.progress ?? undefined };
    case 'done': {
      if (answer.video?.respect_moderation === false) {
        return {
          status: 'failed',
          error: { code: 'moderation_blocked', message: 'xAI moderation blocked the generated video.' },
          canceled: false,
        };
      }
      const url = answer.video?.url;
      if (!url) {
        return {
          status: 'failed',
          error: { code: 'no_output', message: 'xAI reported the video done but returned no URL.' },
          canceled: false,
        };
      }
      return {
        status: 'succeeded',
        outputs: [{ variant: 'video', url, contentType: 'video/mp4' }],
        seconds: answer.video?.duration ?? undefined,
        costMicros: billedMicros(answer),
      };
    }
    case 'expired':
      return {
        status: 'failed',
        error: { code: 'expired', message: 'The xAI video request expired before it finished.' },
        canceled: false,
      };
    case 'failed':
      return {
        status: 'failed',
        error: {
          code:
            answer.error?.code !== undefined && answer.error?.code !== null
              ? String(answer.error.code)
              : 'failed',
          message: answer.error?.message || 'xAI reported the video generation failed.',
        },
        canceled: false,
      };
    default:
      return {
        status: 'failed',
        error: { code: 'unknown_status', message: `xAI reported an unknown status '${status}'.` },
        canceled: false,
      };
  }
}

/** One tick is 10⁻¹⁰ USD (xAI's `usage.cost_in_usd_ticks`), so a millionth of a USD is 10⁴ ticks. */
const TICKS_PER_MICRO = 10_000;

function billedMicros(answer: XaiVideoStatus): number | undefined {
  const ticks = answer.usage?.cost_in_usd_ticks;
  return typeof ticks === 'number' && Number.isFinite(ticks) && ticks >= 0
    ? ticks / TICKS_PER_MICRO
    : undefined;
}
