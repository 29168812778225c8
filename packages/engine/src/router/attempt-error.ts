import { classifyUpstreamFailure, type Lifecycle, type NormalizationEntry, ReelayError } from '@reelay/core';
import type { Attempt } from '../store';
import { lifecycleSentence } from './lifecycle';

/** What a failed submit tells us: whether another provider may be tried, and how to report it. */
export type SubmitFailure = {
  nothingCreated: boolean;
  /** Counts against the provider's circuit breaker (5xx, 429, no answer). */
  providerFault: boolean;
  status: number | null;
  code: string | null;
  /** The request field the provider blamed, by wire path, when its plugin could tell. */
  upstreamParam: string | null;
  /** How long the provider asked to wait (`Retry-After`); 0 when it did not say. */
  retryAfterMs: number;
  message: string;
};

export function classifySubmitError(error: unknown): SubmitFailure {
  const failure = classifyUpstreamFailure(error);
  return {
    nothingCreated: failure.nothingCreated,
    providerFault: failure.providerFault,
    status: failure.statusCode ?? null,
    code: failure.code ?? null,
    upstreamParam: failure.upstreamParam ?? null,
    retryAfterMs: failure.retryAfterMs,
    message: failure.message,
  };
}

/**
 * The lifecycle note for a deprecated or retired model a provider refused (400, 404, 410, 422), said once in the
 * final error rather than after every attempt. A refusal that blames one of the request's own parameters is about
 * that parameter, not the model, so it gets no note.
 */
export function lifecycleNoteFor(
  failure: SubmitFailure,
  model: string,
  lifecycle: Lifecycle | undefined,
  report: readonly NormalizationEntry[],
): string | undefined {
  if (!lifecycle || lifecycle.status === 'active') return undefined;
  if (failure.status !== 400 && failure.status !== 404 && failure.status !== 410 && failure.status !== 422) {
    return undefined;
  }
  if (failure.upstreamParam !== null && reportEntryAt(report, failure.upstreamParam)) return undefined;
  return lifecycleSentence(model, lifecycle);
}

/**
 * The report line of the parameter sent at `wirePath`. Plugins name the path as the provider did; a provider
 * may name a nested field by its last part (`seed` for `parameters.seed`) or with an envelope (`body.seed`).
 */
export function reportEntryAt(
  report: readonly NormalizationEntry[],
  wirePath: string,
): NormalizationEntry | undefined {
  return report.find(
    (entry) =>
      entry.sent !== null &&
      Object.keys(entry.sent).some(
        (path) => path === wirePath || path.endsWith(`.${wirePath}`) || wirePath.endsWith(`.${path}`),
      ),
  );
}

/**
 * The user's own parameter a provider refused: a request-level refusal (400/422, nothing created) naming the
 * field where a parameter with no meaning to Reelay was sent as the user gave it. Trying another provider would
 * not help the user and would send it there too, so the create answers 400 naming the parameter.
 */
export function refusedUserParameter(
  failure: SubmitFailure,
  report: readonly NormalizationEntry[],
  userParameters: readonly string[],
): string | undefined {
  if (!failure.nothingCreated || (failure.status !== 400 && failure.status !== 422)) return undefined;
  if (failure.upstreamParam === null) return undefined;
  const entry = reportEntryAt(report, failure.upstreamParam);
  return entry && userParameters.includes(entry.param) ? entry.param : undefined;
}

export function userParameterError(
  jobId: string,
  provider: string,
  param: string,
  failure: SubmitFailure,
): ReelayError {
  return new ReelayError({
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_refused',
    param,
    message:
      `${provider} refused the parameter '${param}', which Reelay passes through as you send it. ` +
      `${asSentence(failure.message)} Remove '${param}' or correct its value and try again; ${jobId} was not ` +
      'sent to another provider.',
  });
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

/**
 * One error for a request no provider accepted, listing every attempt, then the model's lifecycle note when a
 * provider refused a deprecated or retired model. 502, or the last 4xx. A 429 passes on the last provider's
 * `Retry-After` (`retryAfterMs`), so a client (the OpenAI SDKs do) waits as long as the provider asked.
 */
export function allAttemptsFailedError(
  jobId: string,
  attempts: Attempt[],
  note?: string,
  retryAfterMs = 0,
): ReelayError {
  const last = attempts.at(-1)?.error?.status;
  const status =
    last !== undefined && last !== null && last >= 400 && last < 500 ? (last === 429 ? 429 : 400) : 502;
  const list = attempts.map((attempt, index) => `${index + 1}) ${describeAttempt(attempt)}`).join('; ');
  const retryAfterSeconds = status === 429 && retryAfterMs > 0 ? Math.ceil(retryAfterMs / 1000) : undefined;
  const wait =
    retryAfterSeconds === undefined ? '' : ` Retry after ${retryAfterSeconds} s, as the provider asked.`;
  return new ReelayError({
    status,
    type: 'upstream_error',
    code: 'all_providers_failed',
    message: `No provider accepted ${jobId}. Attempts: ${list}.${note ? ` ${note}` : ''}${wait}`,
    retryAfterSeconds,
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

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
