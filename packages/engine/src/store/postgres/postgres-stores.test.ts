import { describe, expect, it } from 'vitest';
import { freshDatabase, testDatabaseServer } from '../../test-support/test-database';
import { describeStoreContract } from '../store-contract.suite';
import { openPostgresStores } from './open-postgres-stores';
import { migratePostgres, postgresSchemaVersion } from './postgres-migrations';

const server = testDatabaseServer();

describe.skipIf(server === undefined)('Postgres', () => {
  describeStoreContract('Postgres', async (now) => {
    const database = await freshDatabase(server!);
    const stores = await openPostgresStores(database.url, { now });
    return {
      ...stores,
      async close() {
        await stores.close();
        await database.drop();
      },
    };
  });

  it('should migrate once when many instances start at the same moment', async () => {
    const database = await freshDatabase(server!);
    const pg = await import('pg');
    const pools = Array.from({ length: 4 }, () => new pg.default.Pool({ connectionString: database.url }));
    try {
      const versions = Array.from({ length: postgresSchemaVersion }, (_, index) => index + 1);
      const applied = await Promise.all(pools.map((pool) => migratePostgres(pool)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(versions);
      const { rows } = await pools[0]!.query('SELECT version FROM reelay_schema_migrations ORDER BY version');
      expect(rows).toEqual(versions.map((version) => ({ version })));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    }
  });
});
