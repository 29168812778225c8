import pg from 'pg';
import type { Stores } from '../stores';
import { createPostgresApiKeyStore } from './postgres-api-key-store';
import { createPostgresDeliveryStore } from './postgres-delivery-store';
import { createPostgresJobStore } from './postgres-job-store';
import { migratePostgres } from './postgres-migrations';

const INT8 = 20;

/** BIGINT columns hold epoch milliseconds and micro-USD, all far below 2^53: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type PostgresStoreOptions = {
  now?: () => number;
  /** Connections in this process's pool. Default 10. */
  maxConnections?: number;
  /** Apply missing migrations (under an advisory lock) before returning. Default true. */
  migrate?: boolean;
};

/** The backend for many instances: `REELAY_DATABASE_URL=postgres://…`. */
export async function openPostgresStores(url: string, options: PostgresStoreOptions = {}): Promise<Stores> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
  // An idle connection that drops (a restarted server) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const now = options.now ?? Date.now;
  try {
    if (options.migrate !== false) await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    jobs: createPostgresJobStore(pool, now),
    deliveries: createPostgresDeliveryStore(pool, now),
    apiKeys: createPostgresApiKeyStore(pool),
    close: () => pool.end(),
  };
}
