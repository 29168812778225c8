import { classifyUpstreamFailure, type Lifecycle, ReelayError } from '@reelay/core';
import type { Attempt } from '../store';
import { lifecycleSentence } from './lifecycle';

/** What a failed submit tells us: whether another provider may be tried, and how to report it. */
export type SubmitFailure = {
  nothingCreated: boolean;
  /** Counts against the provider's circuit breaker (5xx, 429, no answer). */
  providerFault: boolean;
  status: number | null;
  code: string | null;
  message: string;
};

export function classifySubmitError(error: unknown): SubmitFailure {
  const failure = classifyUpstreamFailure(error);
  return {
    nothingCreated: failure.nothingCreated,
    providerFault: failure.providerFault,
    status: failure.statusCode ?? null,
    code: failure.code ?? null,
    message: failure.message,
  };
}

/** A provider refusing a deprecated or retired model gets the lifecycle note appended. */
export function withLifecycleNote(
  failure: SubmitFailure,
  model: string,
  lifecycle: Lifecycle | undefined,
): SubmitFailure {
  if (!lifecycle || lifecycle.status === 'active') return failure;
  if (failure.status !== 400 && failure.status !== 404 && failure.status !== 410 && failure.status !== 422) {
    return failure;
  }
  return { ...failure, message: `${failure.message} — ${lifecycleSentence(model, lifecycle)}` };
}

export function toAttemptError(failure: SubmitFailure): NonNullable<Attempt['error']> {
  return { status: failure.status, code: failure.code, message: failure.message };
}

export function describeAttempt(attempt: Attempt): string {
  const error = attempt.error;
  const status = error?.status ? `HTTP ${error.status} ` : '';
  const outcome =
    attempt.outcome === 'failed'
      ? 'nothing was created'
      : attempt.outcome === 'unknown'
        ? 'the outcome is unknown'
        : attempt.outcome;
  return `${attempt.offering}: ${status}${error?.message ?? ''} (${outcome})`;
}

/** One error for a request no provider accepted, listing every attempt. 502, or the last 4xx. */
export function allAttemptsFailedError(jobId: string, attempts: Attempt[]): ReelayError {
  const last = attempts.at(-1)?.error?.status;
  const status =
    last !== undefined && last !== null && last >= 400 && last < 500 ? (last === 429 ? 429 : 400) : 502;
  const list = attempts.map((attempt, index) => `${index + 1}) ${describeAttempt(attempt)}`).join('; ');
  return new ReelayError({
    status,
    type: 'upstream_error',
    code: 'all_providers_failed',
    message: `No provider accepted ${jobId}. Attempts: ${list}.`,
  });
}

export function ambiguousSubmitError(jobId: string, provider: string, failure: SubmitFailure): ReelayError {
  return new ReelayError({
    status: 502,
    type: 'upstream_error',
    code: 'upstream_outcome_unknown',
    message:
      `${provider} did not confirm the submit of ${jobId} (${failure.message}). The job may have been created ` +
      `upstream; it was not resubmitted to another provider so you are not charged twice. Check the ${provider} ` +
      'dashboard before retrying.',
  });
}

export function interruptedSubmitMessage(provider: string | null): string {
  return (
    `The gateway stopped while submitting this job to ${provider ?? 'the provider'}, so whether it was created ` +
    `upstream is unknown. It was not resubmitted, to avoid paying twice; check the ${provider ?? 'provider'} ` +
    'dashboard, then create it again if needed.'
  );
}
