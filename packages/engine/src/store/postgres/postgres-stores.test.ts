import { describe, expect, it } from 'vitest';
import { freshDatabase, testDatabaseServer } from '../../test-support/test-database';
import { describeStoreContract, job } from '../store-contract.suite';
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

  // Prepared statements stay cached on pooled connections, and a rolling deploy migrates while older instances run.
  it('should keep reading jobs and keys on its connections after a newer migration adds columns', async () => {
    const database = await freshDatabase(server!);
    const stores = await openPostgresStores(database.url, { now: () => 2_000, maxConnections: 1 });
    try {
      const inserted = job({ id: 'video_prepared_before_migration' });
      await stores.jobs.insert([inserted]);
      expect((await stores.jobs.get(inserted.id))?.prompt).toBe('a fox');
      expect(await stores.apiKeys.countActive()).toBe(0);
      const pg = await import('pg');
      const migrator = new pg.default.Pool({ connectionString: database.url, max: 1 });
      await migrator.query('ALTER TABLE jobs ADD COLUMN added_by_a_newer_release TEXT');
      await migrator.query('ALTER TABLE api_keys ADD COLUMN added_by_a_newer_release TEXT');
      await migrator.end();
      expect((await stores.jobs.get(inserted.id))?.prompt).toBe('a fox');
      expect(await stores.apiKeys.activeByHash('no such hash')).toBeUndefined();
      expect(await stores.apiKeys.countActive()).toBe(0);
    } finally {
      await stores.close();
      await database.drop();
    }
  });
});
