import { randomBytes } from 'node:crypto';
import { type JobOutcome, jobPhase, type SimulatorBehavior } from '../shared';

/** A job as the simulator keeps it: only facts fixed at creation; its state follows from the clock. */
export type VideoJob = {
  id: string;
  model: string;
  prompt: string;
  size: string;
  width: number;
  height: number;
  seconds: string;
  /** Epoch ms. */
  createdAt: number;
  outcome: JobOutcome;
  remixedFrom: string | null;
};

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/** The video object exactly as the real API answers it (every key present, `null` where unset). */
export type OpenAIVideoObject = {
  id: string;
  object: 'video';
  model: string;
  status: VideoStatus;
  progress: number;
  created_at: number;
  completed_at: number | null;
  expires_at: number | null;
  prompt: string | null;
  size: string;
  seconds: string;
  /** Not in any schema, but the real examples carry it; decoders must tolerate it. */
  quality: 'standard';
  remixed_from_video_id: string | null;
  error: { code: string; message: string } | null;
};

export const FAILURE = {
  code: 'video_generation_failed',
  message:
    'Video generation failed. Please try again, and contact us through help.openai.com if the issue persists.',
};

export function newVideoId(): string {
  return `video_${randomBytes(24).toString('hex')}`;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Epoch ms at which the job finished, or `undefined` while it runs. */
export function finishedAt(job: VideoJob, behavior: SimulatorBehavior, now: number): number | undefined {
  const { phase } = jobPhase(job.createdAt, behavior, now);
  return phase === 'done' ? job.createdAt + behavior.queueMs + behavior.runMs : undefined;
}

export function statusOf(job: VideoJob, behavior: SimulatorBehavior, now: number): VideoStatus {
  const { phase } = jobPhase(job.createdAt, behavior, now);
  if (phase === 'queued') return 'queued';
  if (phase === 'running') return 'in_progress';
  return job.outcome === 'succeed' ? 'completed' : 'failed';
}

/** Whether the outputs of a completed job are past `expires_at`. */
export function isExpired(job: VideoJob, behavior: SimulatorBehavior, now: number): boolean {
  const done = finishedAt(job, behavior, now);
  return done !== undefined && behavior.outputTtlMs !== undefined && now >= done + behavior.outputTtlMs;
}

export function toVideoObject(job: VideoJob, behavior: SimulatorBehavior, now: number): OpenAIVideoObject {
  const { progress } = jobPhase(job.createdAt, behavior, now);
  const status = statusOf(job, behavior, now);
  const done = finishedAt(job, behavior, now);
  const expires =
    status === 'completed' && done !== undefined && behavior.outputTtlMs !== undefined
      ? seconds(done + behavior.outputTtlMs)
      : null;
  return {
    id: job.id,
    object: 'video',
    model: job.model,
    status,
    progress,
    created_at: seconds(job.createdAt),
    completed_at: done === undefined ? null : seconds(done),
    expires_at: expires,
    prompt: job.prompt,
    size: job.size,
    seconds: job.seconds,
    quality: 'standard',
    remixed_from_video_id: job.remixedFrom,
    error: status === 'failed' ? { ...FAILURE } : null,
  };
}
