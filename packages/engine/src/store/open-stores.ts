import { openPostgresStores } from './postgres/open-postgres-stores';
import { openSqliteStores } from './sqlite/open-sqlite-stores';
import type { Stores } from './stores';

export type OpenStoresOptions = {
  /** Where `reelay.db` lives when no `databaseUrl` is given. */
  dataDir: string;
  /** `postgres://…` (or `postgresql://…`): the store many instances share. Unset: SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** fsync every SQLite commit (see `EngineOptions.durableCommits`). */
  durable?: boolean;
  now?: () => number;
};

/** The one place a backend is chosen from settings. */
export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  const now = options.now ?? Date.now;
  if (options.databaseUrl === undefined) {
    return openSqliteStores(options.dataDir, { durable: options.durable === true, now });
  }
  if (!isPostgresUrl(options.databaseUrl)) {
    throw new TypeError('A database URL must start with postgres:// or postgresql://.');
  }
  return openPostgresStores(options.databaseUrl, { now });
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
