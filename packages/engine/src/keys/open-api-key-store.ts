import { type OpenStoresOptions, openStores } from '../store';
import { type ApiKeys, createApiKeys } from './api-keys';

/**
 * The gateway's API keys (SQLite in `dataDir`, or the Postgres of `databaseUrl`), without starting an engine:
 * for operator commands (`reelay keys …`) that run beside, or instead of, running gateways.
 */
export async function openApiKeyStore(
  options: Pick<OpenStoresOptions, 'dataDir' | 'databaseUrl'>,
): Promise<ApiKeys & { close(): Promise<void> }> {
  const stores = await openStores(options);
  return { ...createApiKeys(stores.apiKeys, Date.now), close: () => stores.close() };
}
