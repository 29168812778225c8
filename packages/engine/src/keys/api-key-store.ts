import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NotFoundError } from '../errors';
import { newApiKeyId } from '../ids';

export type ApiKeyInfo = { id: string; name: string; created_at: number; revoked: boolean };

export type ApiKeys = {
  /** Makes a key. The plain key is returned once and only its sha256 is stored. */
  create(name: string): { id: string; key: string };
  list(): ApiKeyInfo[];
  revoke(id: string): void;
  /** The key's id when the key exists and is not revoked. */
  verify(key: string): string | undefined;
  /** Keys that are not revoked; the gateway stays open on loopback while this is 0. */
  count(): number;
};

/** 32 random bytes make brute force hopeless, so a plain sha256 (no slow KDF) is a sound way to store them. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createApiKeys(db: Database.Database, now: () => number): ApiKeys {
  const insert = db.prepare('INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)');
  const selectAll = db.prepare<
    [],
    { id: string; name: string; created_at: number; revoked_at: number | null }
  >('SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id');
  const revokeOne = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const exists = db.prepare<[string], { id: string }>('SELECT id FROM api_keys WHERE id = ?');
  const byHash = db.prepare<[string], { id: string }>(
    'SELECT id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL',
  );
  const countActive = db.prepare<[], { count: number }>(
    'SELECT COUNT(*) AS count FROM api_keys WHERE revoked_at IS NULL',
  );

  // The gateway asks on every request whether keys exist; another process (`reelay keys create`) may add one,
  // so the answer is kept for at most a second, and dropped at once when this process changes the keys.
  let cachedCount: { value: number; at: number } | undefined;

  return {
    create(name) {
      const id = newApiKeyId();
      const key = `rly_${randomBytes(32).toString('base64url')}`;
      insert.run(id, name, hashApiKey(key), now());
      cachedCount = undefined;
      return { id, key };
    },
    list() {
      return selectAll.all().map((row) => ({
        id: row.id,
        name: row.name,
        created_at: Math.floor(row.created_at / 1000),
        revoked: row.revoked_at !== null,
      }));
    },
    revoke(id) {
      if (!exists.get(id)) throw new NotFoundError(`API key '${id}' does not exist.`, 'api_key_not_found');
      revokeOne.run(now(), id);
      cachedCount = undefined;
    },
    verify(key) {
      if (key.length === 0 || key.length > 200) return undefined;
      return byHash.get(hashApiKey(key))?.id;
    },
    count() {
      const at = performance.now();
      if (cachedCount === undefined || at - cachedCount.at > 1000) {
        cachedCount = { value: countActive.get()?.count ?? 0, at };
      }
      return cachedCount.value;
    },
  };
}
