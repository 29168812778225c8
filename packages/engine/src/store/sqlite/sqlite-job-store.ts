import type Database from 'better-sqlite3';
import {
  type BudgetCheck,
  type BudgetLimits,
  type BudgetSpend,
  budgetRefusal,
  budgetSpendSql,
  budgetSpendValues,
  hasBudget,
} from '../budget-check';
import type { JobRecord, JobState } from '../job-record';
import { columnOf, insertColumns, type JobPatch, type JobRow, toColumnValue, toJobRecord } from '../job-row';
import type {
  IdempotencyClaim,
  IdempotencyEntry,
  InsertResult,
  JobStore,
  NewJob,
  UnfinishedJob,
} from '../job-store';
import { toUsageRows, type UsageSqlRow, usageSql } from '../usage-query';

/** The job store as prepared statements over one SQLite handle (one process at a time tracks its jobs). */
export function createSqliteJobStore(db: Database.Database, now: () => number): JobStore {
  const insertJob = db.prepare(
    `INSERT INTO jobs (${insertColumns.map(columnOf).join(', ')}, updated_at)
     VALUES (${insertColumns.map(() => '?').join(', ')}, ?)`,
  );
  const selectJob = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const selectByUpstreamId = db.prepare<[string, string], JobRow>(
    'SELECT * FROM jobs WHERE provider = ? AND upstream_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const selectChildren = db.prepare<[string], JobRow>(
    'SELECT * FROM jobs WHERE parent_id = ? ORDER BY child_index',
  );
  const selectIdempotency = db.prepare<[string, string], { body_hash: string; job_id: string }>(
    'SELECT body_hash, job_id FROM idempotency_keys WHERE owner = ? AND key = ?',
  );
  const insertIdempotency = db.prepare(
    'INSERT INTO idempotency_keys (owner, key, body_hash, job_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteIdempotency = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  const selectUnfinished = db.prepare<[], UnfinishedRow>(
    `SELECT id, state, provider, next_poll_at, deadline_at, poll_count, parent_id FROM jobs
     WHERE state IN ('queued_local', 'submitting', 'submitted', 'in_progress') AND deleted_at IS NULL
     ORDER BY seq`,
  );
  const selectExpired = db.prepare<[number], { id: string }>(
    `SELECT id FROM jobs WHERE expires_at IS NOT NULL AND expires_at <= ? AND outputs_removed_at IS NULL`,
  );
  const selectSeq = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM jobs WHERE id = ? AND owner = ? AND parent_id IS NULL',
  );
  const listAsc = db.prepare<[string, number, number], JobRow>(
    `SELECT * FROM jobs WHERE owner = ? AND parent_id IS NULL AND deleted_at IS NULL AND seq > ?
     ORDER BY seq ASC LIMIT ?`,
  );
  const listDesc = db.prepare<[string, number, number], JobRow>(
    `SELECT * FROM jobs WHERE owner = ? AND parent_id IS NULL AND deleted_at IS NULL AND seq < ?
     ORDER BY seq DESC LIMIT ?`,
  );
  const countPending = db.prepare<[string, string], { count: number }>(
    `SELECT COUNT(*) AS count FROM jobs WHERE (id = ? OR parent_id = ?)
     AND state IN ('queued_local', 'submitting')`,
  );
  const selectLimits = db.prepare<[string], BudgetLimits>(
    'SELECT daily_budget_micros, monthly_budget_micros FROM api_keys WHERE id = ?',
  );
  const selectSpend = db.prepare<unknown[], BudgetSpend>(budgetSpendSql(() => '?'));
  const insertReservation = db.prepare('INSERT INTO budget_reservations (job_id, micros) VALUES (?, ?)');
  const updateCache = new Map<string, Database.Statement>();

  // Run as an IMMEDIATE transaction: it holds the database's write lock from its first read, so the spend it
  // reads cannot change before its insert commits, whichever process shares the file.
  const insertMany = db.transaction(
    (jobs: NewJob[], claim: IdempotencyClaim | undefined, budget: BudgetCheck | undefined): InsertResult => {
      if (claim) {
        const existing = selectIdempotency.get(claim.owner, claim.key);
        if (existing)
          return { inserted: false, existing: { bodyHash: existing.body_hash, jobId: existing.job_id } };
      }
      const limits = budget && selectLimits.get(budget.apiKeyId);
      if (budget && hasBudget(limits)) {
        const refusal = budgetRefusal(limits, selectSpend.get(...budgetSpendValues(budget))!, budget);
        if (refusal) return { inserted: false, budget: refusal };
        for (const reservation of budget.reservations)
          insertReservation.run(reservation.jobId, reservation.micros);
      }
      if (claim) insertIdempotency.run(claim.owner, claim.key, claim.bodyHash, claim.jobId, now());
      const updatedAt = now();
      for (const job of jobs) {
        insertJob.run(...insertColumns.map((field) => toColumnValue(field, job[field])), updatedAt);
      }
      return { inserted: true };
    },
  );

  function update(id: string, patch: JobPatch, onlyIn?: readonly JobState[]): boolean {
    const fields = Object.keys(patch).filter((field) => patch[field as keyof JobPatch] !== undefined);
    const cacheKey = `${fields.join(',')}|${onlyIn?.join(',') ?? ''}`;
    let statement = updateCache.get(cacheKey);
    if (!statement) {
      const sets = [...fields.map((field) => `${columnOf(field)} = ?`), 'updated_at = ?'];
      const guard = onlyIn
        ? ` AND deleted_at IS NULL AND state IN (${onlyIn.map((state) => `'${state}'`).join(', ')})`
        : '';
      statement = db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ?${guard}`);
      updateCache.set(cacheKey, statement);
    }
    const values = fields.map((field) => toColumnValue(field, patch[field as keyof JobPatch]));
    return statement.run(...values, now(), id).changes > 0;
  }

  return {
    async insert(jobs: NewJob[], claim?: IdempotencyClaim, budget?: BudgetCheck): Promise<InsertResult> {
      return insertMany.immediate(jobs, claim, budget);
    },
    async get(id: string): Promise<JobRecord | undefined> {
      const row = selectJob.get(id);
      return row ? toJobRecord(row) : undefined;
    },
    async byUpstreamId(provider: string, upstreamId: string): Promise<JobRecord | undefined> {
      const row = selectByUpstreamId.get(provider, upstreamId);
      return row ? toJobRecord(row) : undefined;
    },
    async children(parentId: string): Promise<JobRecord[]> {
      return selectChildren.all(parentId).map(toJobRecord);
    },
    async update(id, patch, onlyIn) {
      return update(id, patch, onlyIn);
    },
    async idempotency(owner: string, key: string): Promise<IdempotencyEntry | undefined> {
      const row = selectIdempotency.get(owner, key);
      return row ? { bodyHash: row.body_hash, jobId: row.job_id } : undefined;
    },
    async purgeIdempotencyKeys(olderThan: number): Promise<number> {
      return deleteIdempotency.run(olderThan).changes;
    },
    async unfinished(): Promise<UnfinishedJob[]> {
      return selectUnfinished.all().map((row) => ({
        id: row.id,
        state: row.state as JobState,
        provider: row.provider,
        nextPollAt: row.next_poll_at,
        deadlineAt: row.deadline_at,
        pollCount: row.poll_count,
        parentId: row.parent_id,
      }));
    },
    async expired(at: number): Promise<string[]> {
      return selectExpired.all(at).map((row) => row.id);
    },
    async pendingSubmits(topId: string): Promise<number> {
      return countPending.get(topId, topId)?.count ?? 0;
    },
    async list(owner, options) {
      let cursor = options.order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER;
      if (options.after !== undefined) {
        const row = selectSeq.get(options.after, owner);
        if (!row) return undefined;
        cursor = row.seq;
      }
      const statement = options.order === 'asc' ? listAsc : listDesc;
      return statement.all(owner, cursor, options.limit).map(toJobRecord);
    },
    async usage(query) {
      const { sql, values } = usageSql(query, () => '?');
      return toUsageRows(db.prepare<unknown[], UsageSqlRow>(sql).all(...values));
    },
  };
}

type UnfinishedRow = {
  id: string;
  state: string;
  provider: string | null;
  next_poll_at: number | null;
  deadline_at: number | null;
  poll_count: number;
  parent_id: string | null;
};
