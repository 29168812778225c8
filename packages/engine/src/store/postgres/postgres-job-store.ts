import type pg from 'pg';
import { BudgetRefused } from '../budget-check';
import type { JobState } from '../job-record';
import {
  columnOf,
  type JobPatch,
  type JobRow,
  jobRowColumnList,
  toColumnValue,
  toJobRecord,
} from '../job-row';
import type { JobStore } from '../job-store';
import { toUsageRows, type UsageSqlRow, usageSql } from '../usage-query';
import { inTransaction } from './in-transaction';
import { insertJobs, insertOneJob } from './postgres-insert-jobs';
import { preparedStatement } from './prepared-statement';
import {
  toUnfinishedJob,
  UNFINISHED_COLUMNS,
  UNFINISHED_STATES,
  type UnfinishedRow,
} from './unfinished-jobs';

// Every retrieve and most tracker steps read one job by id.
const jobById = preparedStatement('job_by_id', `SELECT ${jobRowColumnList} FROM jobs WHERE id = $1`);

/** The job store over a Postgres pool; every instance sharing the database uses the same rows. */
export function createPostgresJobStore(pool: pg.Pool, now: () => number, instanceId: string): JobStore {
  const one = async (query: pg.QueryConfig) => {
    const { rows } = await pool.query<JobRow>(query);
    return rows[0] ? toJobRecord(rows[0]) : undefined;
  };

  return {
    async insert(jobs, claim, budget) {
      if (jobs.length === 1 && claim === undefined && budget === undefined) {
        return insertOneJob(pool, now, jobs[0]!, instanceId);
      }
      try {
        return await inTransaction(pool, (client) =>
          insertJobs(client, now, jobs, claim, budget, instanceId),
        );
      } catch (error) {
        if (error instanceof BudgetRefused) return { inserted: false, budget: error.refusal };
        throw error;
      }
    },
    get: (id) => one(jobById([id])),
    byUpstreamId: (provider, upstreamId) =>
      one({
        text: 'SELECT * FROM jobs WHERE provider = $1 AND upstream_id = $2 ORDER BY seq DESC LIMIT 1',
        values: [provider, upstreamId],
      }),
    async children(parentId) {
      const { rows } = await pool.query<JobRow>(
        'SELECT * FROM jobs WHERE parent_id = $1 ORDER BY child_index',
        [parentId],
      );
      return rows.map(toJobRecord);
    },
    async update(id: string, patch: JobPatch, onlyIn?: readonly JobState[]) {
      const fields = Object.keys(patch).filter((field) => patch[field as keyof JobPatch] !== undefined);
      const sets = [...fields.map((field, index) => `${columnOf(field)} = $${index + 1}`)];
      sets.push(`updated_at = $${fields.length + 1}`);
      const guard = onlyIn
        ? ` AND deleted_at IS NULL AND state IN (${onlyIn.map((state) => `'${state}'`).join(', ')})`
        : '';
      const values = fields.map((field) => toColumnValue(field, patch[field as keyof JobPatch]));
      const result = await pool.query(
        `UPDATE jobs SET ${sets.join(', ')} WHERE id = $${fields.length + 2}${guard}`,
        [...values, now(), id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async idempotency(owner, key) {
      const { rows } = await pool.query<{ body_hash: string; job_id: string }>(
        'SELECT body_hash, job_id FROM idempotency_keys WHERE owner = $1 AND key = $2',
        [owner, key],
      );
      return rows[0] ? { bodyHash: rows[0].body_hash, jobId: rows[0].job_id } : undefined;
    },
    async purgeIdempotencyKeys(olderThan) {
      const result = await pool.query('DELETE FROM idempotency_keys WHERE created_at < $1', [olderThan]);
      return result.rowCount ?? 0;
    },
    async unfinished() {
      const { rows } = await pool.query<UnfinishedRow>(
        `SELECT ${UNFINISHED_COLUMNS} FROM jobs
         WHERE state IN ${UNFINISHED_STATES} AND deleted_at IS NULL ORDER BY seq`,
      );
      return rows.map(toUnfinishedJob);
    },
    async expired(at) {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id FROM jobs WHERE expires_at IS NOT NULL AND expires_at <= $1 AND outputs_removed_at IS NULL',
        [at],
      );
      return rows.map((row) => row.id);
    },
    async pendingSubmits(topId) {
      const { rows } = await pool.query<{ count: number }>(
        `SELECT COUNT(*) AS count FROM jobs WHERE (id = $1 OR parent_id = $1)
         AND state IN ('queued_local', 'submitting')`,
        [topId],
      );
      return rows[0]?.count ?? 0;
    },
    async list(owner, options) {
      let cursor = options.order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER;
      if (options.after !== undefined) {
        const { rows } = await pool.query<{ seq: number }>(
          'SELECT seq FROM jobs WHERE id = $1 AND owner = $2 AND parent_id IS NULL',
          [options.after, owner],
        );
        if (!rows[0]) return undefined;
        cursor = rows[0].seq;
      }
      const [comparison, direction] = options.order === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
      const { rows } = await pool.query<JobRow>(
        `SELECT * FROM jobs WHERE owner = $1 AND parent_id IS NULL AND deleted_at IS NULL AND seq ${comparison} $2
         ORDER BY seq ${direction} LIMIT $3`,
        [owner, cursor, options.limit],
      );
      return rows.map(toJobRecord);
    },
    async usage(query) {
      const { sql, values } = usageSql(query, (index) => `$${index}`);
      const { rows } = await pool.query<UsageSqlRow>(sql, values);
      return toUsageRows(rows);
    },
  };
}
