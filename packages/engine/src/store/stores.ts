import type { ApiKeyStore } from '../keys/api-key-store';
import type { DeliveryStore } from '../webhooks/delivery-store';
import type { JobStore } from './job-store';
import type { LeaseStore } from './lease-store';

/** Everything the engine keeps in its database, behind asynchronous contracts that every backend implements. */
export type Stores = {
  jobs: JobStore;
  deliveries: DeliveryStore;
  apiKeys: ApiKeyStore;
  /** Leases between instances sharing the database; `undefined` for a store one process owns (SQLite). */
  leases: LeaseStore | undefined;
  close(): Promise<void>;
};
