/** What a key may do: `admin` also sees every key's usage; `project` only its own jobs and usage. */
export type ApiKeyScope = 'admin' | 'project';
export const apiKeyScopes: readonly ApiKeyScope[] = ['admin', 'project'];

/** A key's limits; `null` means no limit. Budgets are integer micro-USD, like every price in Reelay. */
export type ApiKeyLimits = {
  /** Spend allowed per UTC day. */
  dailyBudgetMicros: number | null;
  /** Spend allowed per UTC calendar month. */
  monthlyBudgetMicros: number | null;
  /** Requests allowed in any minute (a sliding window). */
  requestsPerMinute: number | null;
};

/** One stored gateway API key; only the key's sha256 is kept. */
export type ApiKeyRow = ApiKeyLimits & {
  id: string;
  name: string;
  keyHash: string;
  scope: ApiKeyScope;
  createdAt: number;
  revokedAt: number | null;
};

/** The outcome of counting one request against a key's per-minute limit (see `takeRequest`). */
export type RequestWindow = {
  allowed: boolean;
  /** Start of the current minute window (epoch ms, a multiple of 60 000). */
  windowStart: number;
  /** Requests counted in the current window, this one included when allowed. */
  count: number;
  /** Requests counted in the window before. */
  previousCount: number;
};

/** The rows behind `ApiKeys`: the generation and hashing of keys live above this contract, once. */
export type ApiKeyStore = {
  add(row: Omit<ApiKeyRow, 'revokedAt'>): Promise<void>;
  /** Every key, revoked ones too, oldest first. */
  list(): Promise<ApiKeyRow[]>;
  /** Marks the key revoked; `false` when no key has that id (revoking twice is fine). */
  revoke(id: string, at: number): Promise<boolean>;
  /** Changes the limits given (others stay); `false` when no key has that id. */
  setLimits(id: string, limits: Partial<ApiKeyLimits>): Promise<boolean>;
  /** The key with this hash, unless it is revoked. */
  activeByHash(keyHash: string): Promise<ApiKeyRow | undefined>;
  countActive(): Promise<number>;
  /**
   * Counts one request of `keyId` at `at` unless that would pass `limit` requests per sliding minute, in one
   * atomic statement, so instances sharing the database share the count. The sliding minute is estimated
   * from two fixed windows: this one's count plus the previous one's, weighted by how much of it still
   * overlaps the last 60 s. A refused request is not counted.
   */
  takeRequest(keyId: string, limit: number, at: number): Promise<RequestWindow>;
};
