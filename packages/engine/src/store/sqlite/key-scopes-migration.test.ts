import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeys, hashApiKey } from '../../keys/api-keys';
import { migrate } from './migrations';
import { openSqliteStores } from './open-sqlite-stores';

/** The schema version before API keys had scopes and limits (the 6th SQLite migration added them). */
const BEFORE_SCOPES = 5;

describe('API keys made before scopes existed', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keep working as project keys without limits after the migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelay-key-scopes-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'reelay.db'));
    migrate(old, BEFORE_SCOPES);
    old
      .prepare('INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)')
      .run('key_old', 'ci', hashApiKey('rly_old'), 1);
    old.close();

    const stores = openSqliteStores(dir);
    try {
      const keys = createApiKeys(stores.apiKeys, Date.now);
      expect(await keys.verify('rly_old')).toEqual({
        id: 'key_old',
        scope: 'project',
        limits: { dailyBudgetMicros: null, monthlyBudgetMicros: null, requestsPerMinute: null },
      });
    } finally {
      await stores.close();
    }
  });
});
