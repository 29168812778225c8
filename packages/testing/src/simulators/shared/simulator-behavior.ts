/** How a simulated job runs. All times in ms; 0 makes the simulator answer as fast as it can. */
export type SimulatorBehavior = {
  /** Time in the queue before work starts. */
  queueMs: number;
  /** Time spent rendering, during which progress climbs. */
  runMs: number;
  /** How long output URLs stay downloadable after completion; `undefined` = forever. */
  outputTtlMs: number | undefined;
};

export const defaultSimulatorBehavior: SimulatorBehavior = {
  queueMs: 300,
  runMs: 1500,
  outputTtlMs: undefined,
};

/**
 * The end a job reaches, in the provider's own dialect:
 * - `succeed`: a real MP4 of the asked size and duration;
 * - `fail`: an in-band model failure (OpenAI/Replicate `failed`, fal `COMPLETED` + `error`);
 * - `abort`: Replicate's `aborted` (deadline passed before start); other simulators treat it as `fail`.
 */
export type JobOutcome = 'succeed' | 'fail' | 'abort';

/** Where a simulated job is at time `now`, from its timestamps alone (no timers to leak). */
export function jobPhase(
  createdAt: number,
  behavior: SimulatorBehavior,
  now: number,
): { phase: 'queued' | 'running' | 'done'; progress: number } {
  const elapsed = now - createdAt;
  if (elapsed < behavior.queueMs) return { phase: 'queued', progress: 0 };
  if (elapsed < behavior.queueMs + behavior.runMs) {
    return { phase: 'running', progress: Math.floor(((elapsed - behavior.queueMs) / behavior.runMs) * 100) };
  }
  return { phase: 'done', progress: 100 };
}
