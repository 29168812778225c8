import { createApiKeys } from '../keys/api-keys';
import { type OpenStoresOptions, openStores } from '../store';
import { buildUsageReport } from './build-usage-report';
import type { UsageReport } from './usage-report';
import type { UsageReportQuery } from './usage-report-query';

export type UsageReporter = {
  /** Every key's usage (`visibility: all_keys`): whoever can open the store is the operator. */
  report(query: UsageReportQuery): Promise<UsageReport>;
  close(): Promise<void>;
};

/**
 * The usage export over the gateway's store (SQLite in `dataDir`, or the Postgres of `databaseUrl`), without
 * starting an engine: for the operator's `reelay-gateway usage` command, which sees every key's spend.
 */
export async function openUsageReporter(
  options: Pick<OpenStoresOptions, 'dataDir' | 'databaseUrl'>,
): Promise<UsageReporter> {
  const stores = await openStores(options);
  const source = { store: stores.jobs, apiKeys: createApiKeys(stores.apiKeys, Date.now), now: Date.now };
  return {
    report: (query) => buildUsageReport(source, query, undefined),
    close: () => stores.close(),
  };
}
