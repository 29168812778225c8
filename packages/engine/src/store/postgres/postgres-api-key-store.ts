import type pg from 'pg';
import { type ApiKeySqlRow, apiKeyColumns, limitAssignments, toApiKeyRow } from '../../keys/api-key-row';
import type { ApiKeyStore } from '../../keys/api-key-store';
import {
  type RequestWindowParams,
  requestWindowParams,
  shiftWindow,
  takeRequestSql,
} from '../../keys/request-window';
import { preparedStatement } from './prepared-statement';

// Every authenticated request looks its key up; with no keys yet, every request counts them.
const activeKeyByHash = preparedStatement(
  'active_key_by_hash',
  `SELECT ${apiKeyColumns} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
);
const activeKeyCount = preparedStatement(
  'active_key_count',
  'SELECT COUNT(*) AS count FROM api_keys WHERE revoked_at IS NULL',
);

type WindowRow = { window_start: number; requests: number; previous_requests: number };

const paramOrder: Array<keyof RequestWindowParams> = ['key', 'window', 'remaining', 'limit'];
// Numbers are cast: Postgres would otherwise guess INTEGER for some, too small for epoch milliseconds.
const takeSql = takeRequestSql((name) =>
  name === 'key' ? '$1' : `$${paramOrder.indexOf(name) + 1}::bigint`,
);

export function createPostgresApiKeyStore(pool: pg.Pool): ApiKeyStore {
  return {
    async add(row) {
      await pool.query(
        `INSERT INTO api_keys (id, name, key_hash, scope, created_at, daily_budget_micros, monthly_budget_micros,
         requests_per_minute) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.id,
          row.name,
          row.keyHash,
          row.scope,
          row.createdAt,
          row.dailyBudgetMicros,
          row.monthlyBudgetMicros,
          row.requestsPerMinute,
        ],
      );
    },
    async list() {
      const { rows } = await pool.query<ApiKeySqlRow>(
        `SELECT ${apiKeyColumns} FROM api_keys ORDER BY created_at, id`,
      );
      return rows.map(toApiKeyRow);
    },
    async revoke(id, at) {
      const result = await pool.query(
        'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2',
        [at, id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async setLimits(id, limits) {
      const assignments = limitAssignments(limits);
      const sets = assignments.map(([column], index) => `${column} = $${index + 1}`);
      const result = await pool.query(
        `UPDATE api_keys SET ${[...sets, 'id = id'].join(', ')} WHERE id = $${assignments.length + 1}`,
        [...assignments.map(([, value]) => value), id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async activeByHash(keyHash) {
      const { rows } = await pool.query<ApiKeySqlRow>(activeKeyByHash([keyHash]));
      return rows[0] ? toApiKeyRow(rows[0]) : undefined;
    },
    async countActive() {
      const { rows } = await pool.query<{ count: number }>(activeKeyCount());
      return rows[0]?.count ?? 0;
    },
    async takeRequest(keyId, limit, at) {
      const params = requestWindowParams(keyId, limit, at);
      // One statement: of concurrent requests at any instance, the row lock lets them count one at a time.
      const counted = await pool.query<WindowRow>(
        takeSql,
        paramOrder.map((name) => params[name]),
      );
      const row = counted.rows[0];
      if (row) {
        return {
          allowed: true,
          windowStart: params.window,
          count: Number(row.requests),
          previousCount: Number(row.previous_requests),
        };
      }
      const { rows } = await pool.query<WindowRow>(
        'SELECT window_start, requests, previous_requests FROM api_key_request_windows WHERE key_id = $1',
        [keyId],
      );
      return { allowed: false, windowStart: params.window, ...shiftWindow(rows[0], params.window) };
    },
  };
}
