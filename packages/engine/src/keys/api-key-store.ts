/** One stored gateway API key; only the key's sha256 is kept. */
export type ApiKeyRow = {
  id: string;
  name: string;
  keyHash: string;
  createdAt: number;
  revokedAt: number | null;
};

/** The rows behind `ApiKeys`: the generation and hashing of keys live above this contract, once. */
export type ApiKeyStore = {
  add(row: Omit<ApiKeyRow, 'revokedAt'>): Promise<void>;
  /** Every key, revoked ones too, oldest first. */
  list(): Promise<ApiKeyRow[]>;
  /** Marks the key revoked; `false` when no key has that id (revoking twice is fine). */
  revoke(id: string, at: number): Promise<boolean>;
  /** The id of the key with this hash, unless it is revoked. */
  activeIdByHash(keyHash: string): Promise<string | undefined>;
  countActive(): Promise<number>;
};
