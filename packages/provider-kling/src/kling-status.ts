import type { PollResult } from '@reelay/core';
import type { KlingTask } from './kling-api';

/** A Kling task as Reelay's job state. Kling spells success `succeed`. */
export function klingTaskToResult(task: KlingTask): PollResult {
  switch (task.task_status) {
    case 'submitted':
      return { status: 'queued', progress: undefined };
    case 'processing':
      return { status: 'in_progress', progress: undefined };
    case 'succeed': {
      const video = task.task_result?.videos?.[0];
      if (!video) {
        return {
          status: 'failed',
          error: { code: 'no_output', message: 'Kling reported success but returned no video.' },
          canceled: false,
        };
      }
      const seconds = video.duration ? Number.parseFloat(video.duration) : Number.NaN;
      return {
        status: 'succeeded',
        outputs: [{ variant: 'video', url: video.url, contentType: 'video/mp4' }],
        seconds: Number.isFinite(seconds) ? seconds : undefined,
      };
    }
    case 'failed':
      return {
        status: 'failed',
        error: { code: 'failed', message: task.task_status_msg || 'Kling reported the task failed.' },
        canceled: false,
      };
    default:
      return {
        status: 'failed',
        error: {
          code: 'unknown_status',
          message: `Kling reported an unknown task_status '${task.task_status}'.`,
        },
        canceled: false,
      };
  }
}
