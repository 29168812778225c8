import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError } from '../errors';
import { newApiKeyId } from '../ids';
import type { ApiKeyStore } from './api-key-store';

export type ApiKeyInfo = { id: string; name: string; created_at: number; revoked: boolean };

export type ApiKeys = {
  /** Makes a key. The plain key is returned once and only its sha256 is stored. */
  create(name: string): Promise<{ id: string; key: string }>;
  list(): Promise<ApiKeyInfo[]>;
  revoke(id: string): Promise<void>;
  /** The key's id when the key exists and is not revoked. */
  verify(key: string): Promise<string | undefined>;
  /**
   * Keys that are not revoked; the gateway stays open on loopback while this is 0. A zero is never taken from a
   * cache: another process (`reelay-gateway keys create`, another instance) may have just made the first key.
   */
  count(): Promise<number>;
};

/** 32 random bytes make brute force hopeless, so a plain sha256 (no slow KDF) is a sound way to store them. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createApiKeys(rows: ApiKeyStore, now: () => number): ApiKeys {
  // The gateway asks on every request whether keys exist. Only a positive answer is kept (for a second): a
  // stale "keys exist" merely refuses a keyless request a moment longer, a stale "no keys" would let it in.
  let cachedCount: { value: number; at: number } | undefined;

  return {
    async create(name) {
      const id = newApiKeyId();
      const key = `rly_${randomBytes(32).toString('base64url')}`;
      await rows.add({ id, name, keyHash: hashApiKey(key), createdAt: now() });
      cachedCount = undefined;
      return { id, key };
    },
    async list() {
      return (await rows.list()).map((row) => ({
        id: row.id,
        name: row.name,
        created_at: Math.floor(row.createdAt / 1000),
        revoked: row.revokedAt !== null,
      }));
    },
    async revoke(id) {
      if (!(await rows.revoke(id, now()))) {
        throw new NotFoundError(`API key '${id}' does not exist.`, 'api_key_not_found');
      }
      cachedCount = undefined;
    },
    async verify(key) {
      if (key.length === 0 || key.length > 200) return undefined;
      return rows.activeIdByHash(hashApiKey(key));
    },
    async count() {
      const at = performance.now();
      if (cachedCount !== undefined && at - cachedCount.at <= 1000) return cachedCount.value;
      const value = await rows.countActive();
      cachedCount = value > 0 ? { value, at } : undefined;
      return value;
    },
  };
}
