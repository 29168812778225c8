import type { PollResult } from '@reelay/core';
import type { RunwayTask } from './runway-api';

/** A Runway task as Reelay's job state. `THROTTLED` is still queued: Runway runs it once a slot frees up. */
export function runwayTaskToResult(task: RunwayTask): PollResult {
  switch (task.status) {
    case 'PENDING':
    case 'THROTTLED':
      return { status: 'queued', progress: undefined };
    case 'RUNNING':
      return {
        status: 'in_progress',
        progress:
          task.progress === null || task.progress === undefined
            ? undefined
            : Math.max(0, Math.min(100, Math.round(task.progress * 100))),
      };
    case 'SUCCEEDED':
      return {
        status: 'succeeded',
        outputs: [{ variant: 'video', url: task.output[0], contentType: 'video/mp4' }],
        seconds: undefined,
      };
    case 'FAILED':
      return {
        status: 'failed',
        error: { code: task.failureCode || 'FAILED', message: task.failure },
        canceled: false,
      };
    case 'CANCELLED':
      return {
        status: 'failed',
        error: { code: 'CANCELLED', message: 'The Runway task was cancelled.' },
        canceled: true,
      };
  }
}
