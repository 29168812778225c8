import type { PollResult, VideoOutputFile } from '@reelay/core';
import type { ReplicatePrediction } from './replicate-api';

/**
 * A Prediction as a poll result:
 *
 * | Replicate    | Reelay                         |
 * |--------------|--------------------------------|
 * | `starting`   | `queued`                       |
 * | `processing` | `in_progress` (progress from logs) |
 * | `succeeded`  | `succeeded` (output URL or URLs) |
 * | `failed`     | `failed` with Replicate's `error` text |
 * | `canceled`   | `failed`, canceled             |
 * | `aborted`    | `failed`, canceled (deadline passed before it started; not billed) |
 * | anything else | `failed` (unknown statuses are terminal) |
 */
export function toPollResult(prediction: ReplicatePrediction): PollResult {
  switch (prediction.status) {
    case 'starting':
      return { status: 'queued', progress: undefined };
    case 'processing':
      return { status: 'in_progress', progress: progressFromLogs(prediction.logs) };
    case 'succeeded':
      return succeeded(prediction);
    case 'failed':
      return {
        status: 'failed',
        error: { code: 'prediction_failed', message: errorText(prediction.error) },
        canceled: false,
      };
    case 'canceled':
      return {
        status: 'failed',
        error: {
          code: 'canceled',
          message:
            'The prediction was canceled, by a cancel request or a Cancel-After deadline that passed while it ran.',
        },
        canceled: true,
      };
    case 'aborted':
      return {
        status: 'failed',
        error: {
          code: 'aborted',
          message:
            'The prediction was aborted: its deadline passed before it started. Replicate does not bill it.',
        },
        canceled: true,
      };
    default:
      return {
        status: 'failed',
        error: {
          code: 'unknown_status',
          message: `Replicate answered with status '${prediction.status}', which this adapter does not know; the job is treated as failed.`,
        },
        canceled: false,
      };
  }
}

function succeeded(prediction: ReplicatePrediction): PollResult {
  const outputs = outputFiles(prediction.output);
  if (outputs.length === 0) {
    const removed = prediction.data_removed === true;
    return {
      status: 'failed',
      error: {
        code: removed ? 'output_removed' : 'no_output',
        message: removed
          ? 'The prediction succeeded but Replicate has deleted its output (API outputs are kept for one hour). Download outputs as soon as a prediction succeeds.'
          : 'The prediction succeeded but returned no output URL.',
      },
      canceled: false,
    };
  }
  // Replicate does not report the rendered duration; pricing falls back to the request.
  return { status: 'succeeded', outputs, seconds: undefined };
}

const TQDM_PERCENT = /(\d{1,3})%\|/g;

/**
 * Replicate has no progress field. Models print tqdm bars (` 45%|████▌     | 22/50 [...]`) into `logs`, one
 * line per update, so the last percentage in the logs is the progress. `undefined` when there is none.
 */
export function progressFromLogs(logs: string | null | undefined): number | undefined {
  if (!logs) return undefined;
  let last: number | undefined;
  for (const match of logs.matchAll(TQDM_PERCENT)) last = Number(match[1]);
  return last === undefined ? undefined : Math.min(100, Math.max(0, last));
}

const IMAGE_URL = /\.(png|jpe?g|webp|gif)(\?|$)/i;
const VIDEO_TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm' };

/**
 * Output URLs from a prediction's `output`: a single URI string (Sora and most video models), an array of
 * them, or an object of named URIs. Images among them are taken as thumbnails.
 */
export function outputFiles(output: unknown): VideoOutputFile[] {
  const urls: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/^(https?:|data:)/i.test(value)) urls.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) collect(item);
    }
  };
  collect(output);
  return urls.map((url) => {
    if (IMAGE_URL.test(url)) return { variant: 'thumbnail', url, contentType: undefined };
    const extension = /\.([a-z0-9]+)(\?|$)/i.exec(url)?.[1]?.toLowerCase();
    return { variant: 'video', url, contentType: extension ? VIDEO_TYPES[extension] : undefined };
  });
}

function errorText(error: unknown): string {
  if (typeof error === 'string' && error.trim() !== '') return error;
  if (error !== null && error !== undefined) return JSON.stringify(error);
  return 'Replicate reported the prediction failed without saying why; its logs may tell more.';
}
