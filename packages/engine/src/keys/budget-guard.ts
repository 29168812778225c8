import { InvalidRequestError } from '@reelay/core';
import { formatUsd } from '@reelay/pricing';
import type { RequestContext } from '../engine-types';
import { LimitExceededError } from '../errors';
import type { RoutePlan } from '../router/plan-route';
import type { BudgetCheck, BudgetPeriod, BudgetRefusal } from '../store/budget-check';

const DAY_MS = 86_400_000;

/** Budgets run over UTC days and UTC calendar months: the same periods at every instance, whatever its zone. */
export function periodStart(period: BudgetPeriod, at: number): number {
  if (period === 'daily') return Math.floor(at / DAY_MS) * DAY_MS;
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** When the period holding `at` ends, and its budget is whole again. */
export function periodEnd(period: BudgetPeriod, at: number): number {
  if (period === 'daily') return periodStart('daily', at) + DAY_MS;
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

function hasBudget(context: RequestContext): boolean {
  const limits = context.key?.limits;
  return limits !== undefined && (limits.dailyBudgetMicros !== null || limits.monthlyBudgetMicros !== null);
}

/**
 * A budget is only as good as the price it is checked against, so a key with a budget is not routed to an
 * offering the catalog cannot price. Refuses (400) when that leaves no offering.
 */
export function pricedPlan(plan: RoutePlan, context: RequestContext): RoutePlan {
  if (!hasBudget(context)) return plan;
  const candidates = plan.candidates.filter((candidate) => candidate.quote !== undefined);
  if (candidates.length === plan.candidates.length) return plan;
  if (candidates.length === 0) {
    throw new InvalidRequestError({
      param: 'model',
      code: 'budget_needs_price',
      message:
        `No provider of ${plan.modelId} that can take this request has a price in the catalog, and this API key has a ` +
        'budget, which is checked against the price before submitting. Pick a priced model, or ask the operator to add ' +
        'a price for it (a catalog override in the config file) or to lift the key’s budget.',
    });
  }
  return { ...plan, candidates };
}

/**
 * What the store checks before inserting a key's videos: each reserves the highest quote among the providers
 * it may be sent to (a fallback never costs more than was reserved). `undefined` for a keyless gateway.
 */
export function budgetCheck(
  context: RequestContext,
  plan: RoutePlan,
  videoIds: string[],
  at: number,
): BudgetCheck | undefined {
  const tried = plan.allowFallbacks ? plan.candidates : plan.candidates.slice(0, 1);
  const micros = Math.max(0, ...tried.map((candidate) => candidate.quote?.micros ?? 0));
  return reservationsFor(
    context,
    videoIds.map((jobId) => ({ jobId, micros })),
    at,
  );
}

export function reservationsFor(
  context: RequestContext,
  reservations: BudgetCheck['reservations'],
  at: number,
): BudgetCheck | undefined {
  if (context.apiKeyId === null) return undefined;
  return {
    apiKeyId: context.apiKeyId,
    reservations,
    dayStart: periodStart('daily', at),
    monthStart: periodStart('monthly', at),
  };
}

/** The 429 for a create that would pass a budget: which one, what is left, when it resets, what to do. */
export function budgetExceeded(refusal: BudgetRefusal, keyId: string, at: number): LimitExceededError {
  const { period, limitMicros, spentMicros, requestedMicros } = refusal;
  const left = Math.max(0, limitMicros - spentMicros);
  const resetsAt = periodEnd(period, at);
  const span = period === 'daily' ? 'today (UTC)' : 'this month (UTC)';
  const alone = requestedMicros > limitMicros ? ' This request alone costs more than the whole budget.' : '';
  const flag = period === 'daily' ? '--daily-budget' : '--monthly-budget';
  return new LimitExceededError({
    type: 'insufficient_quota',
    code: `${period}_budget_exceeded`,
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - at) / 1000)),
    retryable: false,
    message:
      `This API key's ${period} budget of ${formatUsd(limitMicros)} would be exceeded: ${formatUsd(spentMicros)} is ` +
      `spent or reserved ${span}, ${formatUsd(left)} is left, and this request may cost up to ` +
      `${formatUsd(requestedMicros)}.${alone} The budget resets at ${new Date(resetsAt).toISOString()}. ` +
      'Make a cheaper request (fewer seconds, a lower resolution, a smaller n), wait for the reset, or ask the ' +
      `operator to raise it (\`reelay-gateway keys set ${keyId} ${flag} <usd>\`).`,
  });
}
