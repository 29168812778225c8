import type pg from 'pg';
import {
  type BudgetCheck,
  type BudgetLimits,
  BudgetRefused,
  type BudgetSpend,
  budgetRefusal,
  budgetSpendSql,
  budgetSpendValues,
  hasBudget,
} from '../budget-check';
import { columnOf, insertColumns, toColumnValue } from '../job-row';
import type { IdempotencyClaim, InsertResult, NewJob } from '../job-store';
import { preparedStatement } from './prepared-statement';

// The inserting instance holds the lease of what it creates (`lease_owner`): it submits and tracks it.
const insertJobSql = `INSERT INTO jobs (${insertColumns.map(columnOf).join(', ')}, updated_at, lease_owner)
  VALUES (${[...insertColumns, 'updatedAt', 'leaseOwner'].map((_, index) => `$${index + 1}`).join(', ')})`;
const insertJob = preparedStatement('insert_job', insertJobSql);

/**
 * `JobStore.insert` on Postgres, inside the caller's transaction: the key's budget (when `budget` is given),
 * the Idempotency-Key claim and the rows. Throws `BudgetRefused` to roll back a claim already written.
 */
export async function insertJobs(
  client: pg.PoolClient,
  now: () => number,
  jobs: NewJob[],
  claim: IdempotencyClaim | undefined,
  budget: BudgetCheck | undefined,
  instanceId: string,
): Promise<InsertResult> {
  // The key's row lock serialises its creates at every instance: the spend read below cannot change before
  // this transaction commits, so two racing creates never both fit in the last of a budget.
  const limits = budget
    ? (
        await client.query<BudgetLimits>(
          'SELECT daily_budget_micros, monthly_budget_micros FROM api_keys WHERE id = $1 FOR UPDATE',
          [budget.apiKeyId],
        )
      ).rows[0]
    : undefined;
  if (claim) {
    // Of concurrent claims of one key (at any instance), one inserts; the others wait for its commit,
    // then do nothing and read the winner's row.
    const taken = await client.query(
      `INSERT INTO idempotency_keys (owner, key, body_hash, job_id, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner, key) DO NOTHING`,
      [claim.owner, claim.key, claim.bodyHash, claim.jobId, now()],
    );
    if (taken.rowCount === 0) {
      const { rows } = await client.query<{ body_hash: string; job_id: string }>(
        'SELECT body_hash, job_id FROM idempotency_keys WHERE owner = $1 AND key = $2',
        [claim.owner, claim.key],
      );
      const existing = rows[0]!;
      return { inserted: false, existing: { bodyHash: existing.body_hash, jobId: existing.job_id } };
    }
  }
  if (budget && hasBudget(limits)) {
    const spend = await client.query<BudgetSpend>(
      budgetSpendSql((index) => `$${index}`),
      budgetSpendValues(budget),
    );
    const refusal = budgetRefusal(limits, spend.rows[0]!, budget);
    // Thrown, so that the transaction rolls back the Idempotency-Key claimed above.
    if (refusal) throw new BudgetRefused(refusal);
    for (const reservation of budget.reservations) {
      await client.query('INSERT INTO budget_reservations (job_id, micros) VALUES ($1, $2)', [
        reservation.jobId,
        reservation.micros,
      ]);
    }
  }
  const updatedAt = now();
  for (const job of jobs) await client.query(insertJob(insertValues(job, updatedAt, instanceId)));
  return { inserted: true };
}

/**
 * One job with no Idempotency-Key and no budget to check: a single statement, atomic by itself, so it needs no
 * transaction around it, which saves the `BEGIN` and `COMMIT` round trips of every such create.
 */
export async function insertOneJob(
  pool: pg.Pool,
  now: () => number,
  job: NewJob,
  instanceId: string,
): Promise<InsertResult> {
  await pool.query(insertJob(insertValues(job, now(), instanceId)));
  return { inserted: true };
}

function insertValues(job: NewJob, updatedAt: number, instanceId: string): unknown[] {
  return [...insertColumns.map((field) => toColumnValue(field, job[field])), updatedAt, instanceId];
}
