import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError } from '../errors';
import { newApiKeyId } from '../ids';
import type { ApiKeyLimits, ApiKeyScope, ApiKeyStore, RequestWindow } from './api-key-store';

export type ApiKeyInfo = {
  id: string;
  name: string;
  scope: ApiKeyScope;
  created_at: number;
  revoked: boolean;
  /** Budgets in micro-USD and the rate limit; `null`: none. */
  limits: ApiKeyLimits;
};

/** A verified key: who it is, what it may do and its limits, read fresh on every request. */
export type ApiKeyGrant = { id: string; scope: ApiKeyScope; limits: ApiKeyLimits };

export type CreateApiKeyOptions = { scope?: ApiKeyScope | undefined } & Partial<ApiKeyLimits>;

export type ApiKeys = {
  /**
   * Makes a key (a `project` key unless `scope` says `admin`, no limits unless given). The plain key is
   * returned once and only its sha256 is stored.
   */
  create(name: string, options?: CreateApiKeyOptions): Promise<{ id: string; key: string }>;
  list(): Promise<ApiKeyInfo[]>;
  revoke(id: string): Promise<void>;
  /** Changes the limits given (`null` removes one); throws a 404 for an unknown key. */
  setLimits(id: string, limits: Partial<ApiKeyLimits>): Promise<void>;
  /** The key's grant when the key exists and is not revoked. */
  verify(key: string): Promise<ApiKeyGrant | undefined>;
  /** Counts one request against the key's per-minute limit (see `ApiKeyStore.takeRequest`). */
  takeRequest(grant: ApiKeyGrant): Promise<RequestWindow & { limit: number; at: number }>;
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
    async create(name, options = {}) {
      const id = newApiKeyId();
      const key = `rly_${randomBytes(32).toString('base64url')}`;
      await rows.add({
        id,
        name,
        keyHash: hashApiKey(key),
        scope: options.scope ?? 'project',
        createdAt: now(),
        dailyBudgetMicros: options.dailyBudgetMicros ?? null,
        monthlyBudgetMicros: options.monthlyBudgetMicros ?? null,
        requestsPerMinute: options.requestsPerMinute ?? null,
      });
      cachedCount = undefined;
      return { id, key };
    },
    async list() {
      return (await rows.list()).map((row) => ({
        id: row.id,
        name: row.name,
        scope: row.scope,
        created_at: Math.floor(row.createdAt / 1000),
        revoked: row.revokedAt !== null,
        limits: {
          dailyBudgetMicros: row.dailyBudgetMicros,
          monthlyBudgetMicros: row.monthlyBudgetMicros,
          requestsPerMinute: row.requestsPerMinute,
        },
      }));
    },
    async revoke(id) {
      if (!(await rows.revoke(id, now()))) throw keyNotFound(id);
      cachedCount = undefined;
    },
    async setLimits(id, limits) {
      if (!(await rows.setLimits(id, limits))) throw keyNotFound(id);
    },
    async verify(key) {
      if (key.length === 0 || key.length > 200) return undefined;
      const row = await rows.activeByHash(hashApiKey(key));
      if (row === undefined) return undefined;
      return {
        id: row.id,
        scope: row.scope,
        limits: {
          dailyBudgetMicros: row.dailyBudgetMicros,
          monthlyBudgetMicros: row.monthlyBudgetMicros,
          requestsPerMinute: row.requestsPerMinute,
        },
      };
    },
    async takeRequest(grant) {
      const limit = grant.limits.requestsPerMinute;
      const at = now();
      if (limit === null) return { allowed: true, windowStart: at, count: 0, previousCount: 0, limit: 0, at };
      return { ...(await rows.takeRequest(grant.id, limit, at)), limit, at };
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

function keyNotFound(id: string): NotFoundError {
  return new NotFoundError(`API key '${id}' does not exist.`, 'api_key_not_found');
}
