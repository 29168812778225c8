/**
 * What `JobStore.insert` checks, in the transaction that inserts the jobs, when a key creates them: the key's
 * daily and monthly budgets against its spend so far plus what the new videos may cost at most.
 */
export type BudgetCheck = {
  apiKeyId: string;
  /** The most each new video may cost (single and child jobs, never a parent), in micro-USD. */
  reservations: Array<{ jobId: string; micros: number }>;
  /** Start of the current UTC day, epoch ms. */
  dayStart: number;
  /** Start of the current UTC calendar month, epoch ms. */
  monthStart: number;
};

export type BudgetPeriod = 'daily' | 'monthly';

/** Why an insert was refused: the budget, what was spent (or is reserved) in its period, what was asked. */
export type BudgetRefusal = {
  period: BudgetPeriod;
  limitMicros: number;
  spentMicros: number;
  requestedMicros: number;
};

export type BudgetLimits = { daily_budget_micros: number | null; monthly_budget_micros: number | null };
export type BudgetSpend = { daily_micros: number; monthly_micros: number };

/**
 * What one video counts against its key's budgets: nothing once failed (nothing was charged); its final cost
 * once completed; until then its reservation, or its quote when it has none (a job made before the key had a
 * budget). A deleted job keeps counting: it may have been charged before it was cancelled.
 */
const charge = `CASE WHEN j.state = 'failed' THEN 0
  WHEN j.state = 'completed' THEN COALESCE(j.cost_micros, r.micros, j.cost_estimate_micros, 0)
  ELSE COALESCE(r.micros, j.cost_estimate_micros, 0) END`;

/** The spend of one key in the current day and month; `placeholder(n)` is `?` or `$n` (day, owner, month). */
export function budgetSpendSql(placeholder: (index: number) => string): string {
  return `SELECT
    CAST(COALESCE(SUM(CASE WHEN j.created_at >= ${placeholder(1)} THEN ${charge} ELSE 0 END), 0) AS BIGINT) AS daily_micros,
    CAST(COALESCE(SUM(${charge}), 0) AS BIGINT) AS monthly_micros
    FROM jobs j LEFT JOIN budget_reservations r ON r.job_id = j.id
    WHERE j.owner = ${placeholder(2)} AND j.kind IN ('single', 'child') AND j.created_at >= ${placeholder(3)}`;
}

export function budgetSpendValues(check: BudgetCheck): unknown[] {
  return [check.dayStart, check.apiKeyId, check.monthStart];
}

export function hasBudget(limits: BudgetLimits | undefined): limits is BudgetLimits {
  return (
    limits !== undefined && (limits.daily_budget_micros !== null || limits.monthly_budget_micros !== null)
  );
}

/**
 * The budget the new videos would pass, if any. The monthly one is named first: waiting for the day to turn
 * does not help while the month's budget is spent.
 */
export function budgetRefusal(
  limits: BudgetLimits,
  spend: BudgetSpend,
  check: BudgetCheck,
): BudgetRefusal | undefined {
  const requestedMicros = check.reservations.reduce((sum, reservation) => sum + reservation.micros, 0);
  const periods: Array<[BudgetPeriod, number | null, number]> = [
    ['monthly', limits.monthly_budget_micros, Number(spend.monthly_micros)],
    ['daily', limits.daily_budget_micros, Number(spend.daily_micros)],
  ];
  for (const [period, limit, spent] of periods) {
    if (limit !== null && spent + requestedMicros > Number(limit)) {
      return { period, limitMicros: Number(limit), spentMicros: spent, requestedMicros };
    }
  }
  return undefined;
}

/** Thrown inside an insert's transaction to roll back the claim it may have written; never escapes a store. */
export class BudgetRefused extends Error {
  constructor(readonly refusal: BudgetRefusal) {
    super(`over the ${refusal.period} budget`);
  }
}
