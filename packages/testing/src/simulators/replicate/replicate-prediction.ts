import type { Dimensions } from '@reelay/core';
import { type JobOutcome, jobPhase, type SimulatorBehavior } from '../shared';
import { failedLogs, progressLogs, succeededLogs } from './replicate-logs';
import type { SimulatedModel } from './replicate-models';

export type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted';

/** Replicate's Prediction object, as the simulator writes it. */
export type ReplicatePrediction = {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  logs: string;
  output: string | null;
  data_removed: boolean;
  error: string | null;
  status: PredictionStatus;
  source: 'api';
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  deadline?: string;
  webhook?: string;
  webhook_events_filter?: string[];
  urls: { get: string; cancel: string; web: string };
  metrics: { predict_time?: number; total_time?: number };
};

/** What the simulator remembers about a prediction; its state is derived from these timestamps alone. */
export type PredictionJob = {
  id: string;
  model: SimulatedModel;
  /** The input as sent, echoed back (secrets masked). */
  sentInput: Record<string, unknown>;
  dimensions: Dimensions;
  seconds: number;
  /** Whether the output has a sound track. */
  audio?: boolean;
  createdAt: number;
  /** A snapshot, so reconfiguring the simulator doesn't rewrite running jobs' history. */
  behavior: SimulatorBehavior;
  outcome: JobOutcome;
  /** From `Cancel-After`. */
  deadlineAt: number | undefined;
  canceledAt: number | undefined;
  webhook: string | undefined;
  webhookEventsFilter: string[] | undefined;
  seed: number;
};

export const MODERATION_ERROR =
  'The input or output was flagged as sensitive. Please try again with different inputs. (E005)';
const MASK = '**********';

type Ending = { at: number; status: 'succeeded' | 'failed' | 'canceled' | 'aborted' };

/**
 * How the job ends, if it has ended by `now`: its natural end (success, failure, or `aborted` at start for
 * the abort outcome), a `Cancel-After` deadline (aborted before start, canceled while running), or a cancel.
 */
export function endingOf(job: PredictionJob, now: number): Ending | undefined {
  const startAt = job.createdAt + job.behavior.queueMs;
  const endings: Ending[] = [
    job.outcome === 'abort'
      ? { at: startAt, status: 'aborted' }
      : { at: startAt + job.behavior.runMs, status: job.outcome === 'fail' ? 'failed' : 'succeeded' },
  ];
  if (job.deadlineAt !== undefined) {
    endings.push({ at: job.deadlineAt, status: job.deadlineAt <= startAt ? 'aborted' : 'canceled' });
  }
  if (job.canceledAt !== undefined) endings.push({ at: job.canceledAt, status: 'canceled' });
  let first: Ending | undefined;
  for (const ending of endings) if (first === undefined || ending.at < first.at) first = ending;
  return first !== undefined && first.at <= now ? first : undefined;
}

/** The moment the job will end on its own (ignoring cancels that have not happened), for `Prefer: wait`. */
export function naturalEndAt(job: PredictionJob): number {
  const startAt = job.createdAt + job.behavior.queueMs;
  const natural = job.outcome === 'abort' ? startAt : startAt + job.behavior.runMs;
  return job.deadlineAt === undefined ? natural : Math.min(natural, job.deadlineAt);
}

export function outputUrl(origin: string, id: string): string {
  return `${origin}/files/${id}/video.mp4`;
}

/** Whether the job's files and data have been deleted (Replicate keeps API outputs for an hour). */
export function isDataRemoved(job: PredictionJob, now: number): boolean {
  const ending = endingOf(job, now);
  const ttl = job.behavior.outputTtlMs;
  return ending !== undefined && ttl !== undefined && now >= ending.at + ttl;
}

export function viewPrediction(
  job: PredictionJob,
  now: number,
  where: { apiBase: string; origin: string },
): ReplicatePrediction {
  const startAt = job.createdAt + job.behavior.queueMs;
  const ending = endingOf(job, now);
  const started = (ending ? ending.at : now) >= startAt && ending?.status !== 'aborted';
  const logSeed = { seed: job.seed, runMs: job.behavior.runMs };

  let status: PredictionStatus;
  let logs = '';
  let output: string | null = null;
  let error: string | null = null;
  const metrics: ReplicatePrediction['metrics'] = {};
  if (ending === undefined) {
    const phase = jobPhase(job.createdAt, job.behavior, now);
    status = phase.phase === 'queued' ? 'starting' : 'processing';
    if (status === 'processing') logs = progressLogs({ ...logSeed, progress: phase.progress });
  } else {
    status = ending.status;
    if (started) {
      metrics.predict_time = round3((ending.at - startAt) / 1000);
      metrics.total_time = round3((ending.at - job.createdAt) / 1000);
    }
    if (status === 'succeeded') {
      output = outputUrl(where.origin, job.id);
      logs = succeededLogs(logSeed);
    } else if (status === 'failed') {
      error = MODERATION_ERROR;
      logs = failedLogs({ ...logSeed, error });
    } else if (started) {
      const phase = jobPhase(job.createdAt, job.behavior, ending.at);
      logs = progressLogs({ ...logSeed, progress: phase.progress });
    }
  }

  const removed = isDataRemoved(job, now);
  const prediction: ReplicatePrediction = {
    id: job.id,
    model: job.model.id,
    version: 'hidden',
    input: removed ? {} : maskSecrets(job),
    logs: removed ? '' : logs,
    output: removed ? null : output,
    data_removed: removed,
    error,
    status,
    source: 'api',
    created_at: iso(job.createdAt),
    started_at: started ? iso(startAt) : null,
    completed_at: ending ? iso(ending.at) : null,
    urls: {
      get: `${where.apiBase}/predictions/${job.id}`,
      cancel: `${where.apiBase}/predictions/${job.id}/cancel`,
      web: `https://replicate.com/p/${job.id}`,
    },
    metrics,
  };
  if (job.deadlineAt !== undefined) prediction.deadline = iso(job.deadlineAt);
  if (job.webhook !== undefined) prediction.webhook = job.webhook;
  if (job.webhookEventsFilter !== undefined) prediction.webhook_events_filter = job.webhookEventsFilter;
  return prediction;
}

/** Cog `Secret` inputs come back masked, never in clear. */
function maskSecrets(job: PredictionJob): Record<string, unknown> {
  const input = { ...job.sentInput };
  for (const [name, field] of Object.entries(job.model.input)) {
    if (field.type === 'string' && field.secret && typeof input[name] === 'string') input[name] = MASK;
  }
  return input;
}

/** Replicate writes microsecond ISO-8601 timestamps in UTC. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
