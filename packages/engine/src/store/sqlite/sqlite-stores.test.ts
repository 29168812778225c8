import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../store-contract.suite';
import { openSqliteStores } from './open-sqlite-stores';

describeStoreContract('SQLite', async (now) => {
  const dir = mkdtempSync(join(tmpdir(), 'reelay-sqlite-contract-'));
  const stores = openSqliteStores(dir, { now });
  return {
    ...stores,
    async close() {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
