import type Database from 'better-sqlite3';
import type { ApiKeyRow, ApiKeyStore } from '../../keys/api-key-store';

type Row = { id: string; name: string; key_hash: string; created_at: number; revoked_at: number | null };

export function createSqliteApiKeyStore(db: Database.Database): ApiKeyStore {
  const insert = db.prepare('INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)');
  const selectAll = db.prepare<[], Row>(
    'SELECT id, name, key_hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id',
  );
  const revokeOne = db.prepare<[number, string]>(
    'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?',
  );
  const byHash = db.prepare<[string], { id: string }>(
    'SELECT id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL',
  );
  const countActive = db.prepare<[], { count: number }>(
    'SELECT COUNT(*) AS count FROM api_keys WHERE revoked_at IS NULL',
  );
  return {
    async add(row) {
      insert.run(row.id, row.name, row.keyHash, row.createdAt);
    },
    async list(): Promise<ApiKeyRow[]> {
      return selectAll.all().map((row) => ({
        id: row.id,
        name: row.name,
        keyHash: row.key_hash,
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }));
    },
    async revoke(id, at) {
      return revokeOne.run(at, id).changes > 0;
    },
    async activeIdByHash(keyHash) {
      return byHash.get(keyHash)?.id;
    },
    async countActive() {
      return countActive.get()?.count ?? 0;
    },
  };
}
