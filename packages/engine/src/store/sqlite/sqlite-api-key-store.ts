import type Database from 'better-sqlite3';
import { type ApiKeySqlRow, apiKeyColumns, limitAssignments, toApiKeyRow } from '../../keys/api-key-row';
import type { ApiKeyStore } from '../../keys/api-key-store';
import {
  type RequestWindowParams,
  requestWindowParams,
  shiftWindow,
  takeRequestSql,
} from '../../keys/request-window';

type WindowRow = { window_start: number; requests: number; previous_requests: number };

export function createSqliteApiKeyStore(db: Database.Database): ApiKeyStore {
  const insert = db.prepare(
    `INSERT INTO api_keys (id, name, key_hash, scope, created_at, daily_budget_micros, monthly_budget_micros,
     requests_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectAll = db.prepare<[], ApiKeySqlRow>(
    `SELECT ${apiKeyColumns} FROM api_keys ORDER BY created_at, id`,
  );
  const revokeOne = db.prepare<[number, string]>(
    'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?',
  );
  const byHash = db.prepare<[string], ApiKeySqlRow>(
    `SELECT ${apiKeyColumns} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`,
  );
  const countActive = db.prepare<[], { count: number }>(
    'SELECT COUNT(*) AS count FROM api_keys WHERE revoked_at IS NULL',
  );
  const take = db.prepare<[RequestWindowParams], WindowRow>(takeRequestSql((name) => `@${name}`));
  const selectWindow = db.prepare<[string], WindowRow>(
    'SELECT window_start, requests, previous_requests FROM api_key_request_windows WHERE key_id = ?',
  );
  return {
    async add(row) {
      insert.run(
        row.id,
        row.name,
        row.keyHash,
        row.scope,
        row.createdAt,
        row.dailyBudgetMicros,
        row.monthlyBudgetMicros,
        row.requestsPerMinute,
      );
    },
    async list() {
      return selectAll.all().map(toApiKeyRow);
    },
    async revoke(id, at) {
      return revokeOne.run(at, id).changes > 0;
    },
    async setLimits(id, limits) {
      const assignments = limitAssignments(limits);
      const sets = assignments.map(([column]) => `${column} = ?`);
      const statement = db.prepare(`UPDATE api_keys SET ${[...sets, 'id = id'].join(', ')} WHERE id = ?`);
      return statement.run(...assignments.map(([, value]) => value), id).changes > 0;
    },
    async activeByHash(keyHash) {
      const row = byHash.get(keyHash);
      return row ? toApiKeyRow(row) : undefined;
    },
    async countActive() {
      return countActive.get()?.count ?? 0;
    },
    async takeRequest(keyId, limit, at) {
      const params = requestWindowParams(keyId, limit, at);
      // One statement, under SQLite's write lock: processes sharing the file cannot both take the last slot.
      const counted = take.get(params);
      if (counted) {
        return {
          allowed: true,
          windowStart: params.window,
          count: counted.requests,
          previousCount: counted.previous_requests,
        };
      }
      return {
        allowed: false,
        windowStart: params.window,
        ...shiftWindow(selectWindow.get(keyId), params.window),
      };
    },
  };
}
