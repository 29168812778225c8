import { openDatabase } from '../store';
import { type ApiKeys, createApiKeys } from './api-key-store';

/**
 * The gateway's API keys in `dataDir`, without starting an engine: for operator commands (`reelay keys …`)
 * that run beside, or instead of, a running gateway. SQLite's WAL lets both write safely.
 */
export function openApiKeyStore(dataDir: string): ApiKeys & { close(): void } {
  const db = openDatabase(dataDir);
  return { ...createApiKeys(db, Date.now), close: () => db.close() };
}
