import { type JobOutcome, jobPhase, type SimulatorBehavior } from '../shared';
import type { FalEndpoint } from './fal-endpoints';

export type FalJob = {
  id: string;
  endpoint: FalEndpoint;
  /** `{owner}/{app}`: the only part of the endpoint id the queue URLs keep. */
  app: string;
  input: Record<string, unknown>;
  clip: { width: number; height: number; seconds: number; audio?: boolean };
  createdAt: number;
  outcome: JobOutcome;
  canceledAt: number | undefined;
  webhookUrl: string | undefined;
};

export type FalJobState =
  | { state: 'queued' }
  | { state: 'running'; progress: number }
  | { state: 'succeeded'; completedAt: number }
  | { state: 'failed'; completedAt: number }
  | { state: 'canceled'; completedAt: number };

export const contentPolicyMessage =
  'The content could not be processed because it contained material flagged by a content checker.';

export function jobState(job: FalJob, behavior: SimulatorBehavior, now: number): FalJobState {
  if (job.canceledAt !== undefined) return { state: 'canceled', completedAt: job.canceledAt };
  const { phase, progress } = jobPhase(job.createdAt, behavior, now);
  if (phase === 'queued') return { state: 'queued' };
  if (phase === 'running') return { state: 'running', progress };
  const completedAt = job.createdAt + behavior.queueMs + behavior.runMs;
  return job.outcome === 'succeed' ? { state: 'succeeded', completedAt } : { state: 'failed', completedAt };
}

/** The `detail[]` a failed request's result endpoint answers with (HTTP 422). */
export function failureDetail(job: FalJob) {
  return [
    {
      loc: ['body', 'prompt'],
      msg: contentPolicyMessage,
      type: 'content_policy_violation',
      url: 'https://docs.fal.ai/errors#content_policy_violation',
      input: job.input['prompt'],
    },
  ];
}

/** Log lines fal streams while the app runs; there is no numeric progress field, only text. */
export function logsFor(job: FalJob, state: FalJobState, behavior: SimulatorBehavior) {
  if (state.state === 'queued') return [];
  const at = (offset: number) => new Date(job.createdAt + offset).toISOString();
  const logs = [
    { message: 'Starting video generation', level: 'INFO', source: 'user', timestamp: at(behavior.queueMs) },
  ];
  if (state.state === 'running') {
    const offset = behavior.queueMs + (behavior.runMs * state.progress) / 100;
    logs.push({
      message: `Generating: ${state.progress}%`,
      level: 'INFO',
      source: 'user',
      timestamp: at(offset),
    });
  } else if (state.state === 'succeeded') {
    const offset = behavior.queueMs + behavior.runMs;
    logs.push({ message: 'Generation complete', level: 'INFO', source: 'user', timestamp: at(offset) });
  }
  return logs;
}
