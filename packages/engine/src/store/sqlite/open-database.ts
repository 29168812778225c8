import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type SqliteDatabase = Database.Database;

/**
 * Opens (or creates) `${dataDir}/reelay.db` in WAL mode. With `synchronous = NORMAL` every commit is written
 * to the WAL before the call returns, so a row survives the process being killed (SIGKILL) the moment after;
 * only an OS crash or power cut can lose the last commits. `durable: true` fsyncs every commit as well.
 */
export function openDatabase(dataDir: string, options: { durable?: boolean } = {}): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'reelay.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(options.durable ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
