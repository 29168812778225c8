import type { Stores } from '../stores';
import { openDatabase } from './open-database';
import { createSqliteApiKeyStore } from './sqlite-api-key-store';
import { createSqliteDeliveryStore } from './sqlite-delivery-store';
import { createSqliteJobStore } from './sqlite-job-store';

/** The zero-set-up backend: `${dataDir}/reelay.db`, migrated on open. */
export function openSqliteStores(
  dataDir: string,
  options: { durable?: boolean; now?: () => number } = {},
): Stores {
  const db = openDatabase(dataDir, { durable: options.durable === true });
  const now = options.now ?? Date.now;
  return {
    jobs: createSqliteJobStore(db, now),
    deliveries: createSqliteDeliveryStore(db, now),
    apiKeys: createSqliteApiKeyStore(db),
    leases: undefined,
    async close() {
      db.close();
    },
  };
}
