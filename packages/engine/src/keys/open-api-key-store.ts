import { openSqliteStores } from '../store';
import { type ApiKeys, createApiKeys } from './api-keys';

/**
 * The gateway's API keys in `dataDir`, without starting an engine: for operator commands (`reelay keys …`)
 * that run beside, or instead of, a running gateway. SQLite's WAL lets both write safely.
 */
export function openApiKeyStore(dataDir: string): ApiKeys & { close(): Promise<void> } {
  const stores = openSqliteStores(dataDir);
  return { ...createApiKeys(stores.apiKeys, Date.now), close: () => stores.close() };
}
