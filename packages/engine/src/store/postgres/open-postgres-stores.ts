import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { Stores } from '../stores';
import { createPostgresApiKeyStore } from './postgres-api-key-store';
import { createPostgresDeliveryStore } from './postgres-delivery-store';
import { createPostgresJobStore } from './postgres-job-store';
import { createPostgresLeaseStore } from './postgres-lease-store';
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
  /** This instance's lease owner id. Default: host name, process id and random bytes, new on every open. */
  instanceId?: string;
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
  const instanceId =
    options.instanceId ?? `${hostname().slice(0, 40)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const leases = createPostgresLeaseStore(pool, instanceId);
  try {
    // Registered before any job is inserted under this id, so no other instance mistakes those jobs for orphans.
    await leases.heartbeat(Number.MAX_SAFE_INTEGER);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    jobs: createPostgresJobStore(pool, now, instanceId),
    deliveries: createPostgresDeliveryStore(pool, now),
    apiKeys: createPostgresApiKeyStore(pool),
    leases,
    async close() {
      // A process that only read or wrote keys (a command) leaves no heartbeat row behind.
      await pool
        .query(
          `DELETE FROM reelay_instances i WHERE i.id = $1 AND NOT EXISTS (SELECT 1 FROM jobs j
           WHERE j.lease_owner = i.id AND j.state IN ('queued_local', 'submitting', 'submitted', 'in_progress'))`,
          [instanceId],
        )
        .catch(() => undefined);
      await pool.end();
    },
  };
}
