import type pg from 'pg';
import type { ApiKeyStore } from '../../keys/api-key-store';

type Row = { id: string; name: string; key_hash: string; created_at: number; revoked_at: number | null };

export function createPostgresApiKeyStore(pool: pg.Pool): ApiKeyStore {
  return {
    async add(row) {
      await pool.query('INSERT INTO api_keys (id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)', [
        row.id,
        row.name,
        row.keyHash,
        row.createdAt,
      ]);
    },
    async list() {
      const { rows } = await pool.query<Row>(
        'SELECT id, name, key_hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id',
      );
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        keyHash: row.key_hash,
        createdAt: row.created_at,
        revokedAt: row.revoked_at,
      }));
    },
    async revoke(id, at) {
      const result = await pool.query(
        'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2',
        [at, id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async activeIdByHash(keyHash) {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
        [keyHash],
      );
      return rows[0]?.id;
    },
    async countActive() {
      const { rows } = await pool.query<{ count: number }>(
        'SELECT COUNT(*) AS count FROM api_keys WHERE revoked_at IS NULL',
      );
      return rows[0]?.count ?? 0;
    },
  };
}
