import type pg from 'pg';
import type { LeaseStore } from '../lease-store';
import {
  toUnfinishedJob,
  UNFINISHED_COLUMNS,
  UNFINISHED_STATES,
  type UnfinishedRow,
} from './unfinished-jobs';

/** Epoch milliseconds on the database's clock: every instance compares heartbeats on one clock. */
const DB_NOW = '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT';
/** A dead instance's row is removed once it holds no unfinished job and has been silent this long. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Leases in the `jobs.lease_owner` column and the `reelay_instances` heartbeat table. */
export function createPostgresLeaseStore(pool: pg.Pool, instanceId: string): LeaseStore {
  return {
    instanceId,
    async heartbeat(deadAfterMs) {
      await pool.query(
        `INSERT INTO reelay_instances (id, started_at, heartbeat_at) VALUES ($1, ${DB_NOW}, ${DB_NOW})
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at`,
        [instanceId],
      );
      const { rows } = await pool.query<{ instances: number }>(
        `SELECT COUNT(*)::INTEGER AS instances FROM reelay_instances WHERE heartbeat_at >= ${DB_NOW} - $1`,
        [deadAfterMs],
      );
      // Rows of instances long gone that hold nothing any more; a dead one that still holds jobs stays, so
      // its jobs remain findable by the takeover below.
      await pool.query(
        `DELETE FROM reelay_instances i WHERE i.heartbeat_at < ${DB_NOW} - $1
         AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.lease_owner = i.id AND j.state IN ${UNFINISHED_STATES})`,
        [Math.max(FORGET_AFTER_MS, deadAfterMs)],
      );
      return { instances: Math.max(1, rows[0]?.instances ?? 1) };
    },
    async claimOrphans(deadAfterMs, limit, after) {
      const { rows } = await pool.query<UnfinishedRow & { seq: number }>(
        // An owner with no live heartbeat is dead, whether its row went silent or it never wrote one (a store
        // opened only to insert jobs, as a script or a library user may do). The scan walks the primary key from
        // `after` on: without it, each batch of a takeover would pass over every row the earlier ones claimed.
        `WITH live AS (
           SELECT id FROM reelay_instances WHERE heartbeat_at >= ${DB_NOW} - $2 OR id = $1
         ), orphans AS (
           SELECT id FROM jobs
           WHERE state IN ${UNFINISHED_STATES} AND deleted_at IS NULL
             AND seq > COALESCE((SELECT seq FROM jobs WHERE id = $4), 0)
             AND (lease_owner IS NULL OR lease_owner NOT IN (SELECT id FROM live))
           ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED
         )
         UPDATE jobs SET lease_owner = $1 FROM orphans WHERE jobs.id = orphans.id
         RETURNING jobs.seq, ${UNFINISHED_COLUMNS.split(', ')
           .map((column) => `jobs.${column}`)
           .join(', ')}`,
        [instanceId, deadAfterMs, limit, after ?? null],
      );
      // RETURNING follows no order: put the rows back in the scan's, so that the last one is the next `after`.
      return rows.sort((a, b) => a.seq - b.seq).map(toUnfinishedJob);
    },
    async take(id) {
      const result = await pool.query(
        `UPDATE jobs SET lease_owner = $1 WHERE id = $2 AND deleted_at IS NULL
         AND state IN ('submitted', 'in_progress')`,
        [instanceId, id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async release() {
      await pool.query(
        `UPDATE jobs SET lease_owner = NULL WHERE lease_owner = $1 AND state IN ${UNFINISHED_STATES}`,
        [instanceId],
      );
      await pool.query('DELETE FROM reelay_instances WHERE id = $1', [instanceId]);
    },
    async shared(name, candidate) {
      await pool.query(
        `INSERT INTO reelay_shared (name, value, created_at) VALUES ($1, $2, ${DB_NOW})
         ON CONFLICT (name) DO NOTHING`,
        [name, candidate],
      );
      const { rows } = await pool.query<{ value: string }>(
        'SELECT value FROM reelay_shared WHERE name = $1',
        [name],
      );
      return rows[0]?.value ?? candidate;
    },
  };
}
