import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import BetterSqlite from 'better-sqlite3';
import { median } from './stats';

export type DriverName = 'better-sqlite3' | 'node:sqlite';

export type DriverTiming = { createMicros: number; retrieveMicros: number };

export type SqliteDriverComparison = {
  rounds: number;
  createsPerRound: number;
  retrievesPerRound: number;
  drivers: Record<DriverName, DriverTiming>;
  /** node:sqlite's cost relative to better-sqlite3 on each path: 1.10 is 10 % slower. */
  ratio: DriverTiming;
  /** Which driver the rule keeps: node:sqlite only when it costs at most 10 % more on both paths. */
  kept: DriverName;
};

type Row = Record<string, unknown>;

/** The subset of a SQLite driver the two job-store paths use; both drivers provide it with these names. */
type Connection = {
  exec(sql: string): unknown;
  prepare(sql: string): {
    run(...values: unknown[]): unknown;
    get(...values: unknown[]): unknown;
  };
  close(): unknown;
};

const open: Record<DriverName, (file: string) => Connection> = {
  'better-sqlite3': (file) => new BetterSqlite(file) as unknown as Connection,
  'node:sqlite': (file) => new DatabaseSync(file) as unknown as Connection,
};

/**
 * The SQLite work of the gateway's create and retrieve paths, on each driver in turn, in the same process and run.
 * The database is a consolidated copy of a real gateway's `reelay.db` (its schema and its job rows, written by the
 * engine during the earlier phases), opened with the engine's pragmas. A create is what the engine commits for one
 * job: the Idempotency-Key claim and the job row in one transaction, then the `submitting` and `submitted` writes; a
 * retrieve is one job row read by id. Everything else on those paths is the same code whichever driver runs.
 */
export function measureSqliteDrivers(options: {
  gatewayDatabase: string;
  workDir: string;
  rounds: number;
  createsPerRound: number;
  retrievesPerRound: number;
}): SqliteDriverComparison {
  const copy = join(options.workDir, 'driver-bench.db');
  rmSync(copy, { force: true });
  const source = new BetterSqlite(options.gatewayDatabase, { readonly: true });
  source.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
  const template = source
    .prepare('SELECT * FROM jobs WHERE parent_id IS NULL ORDER BY seq DESC LIMIT 1')
    .get() as Row | undefined;
  source.close();
  if (template === undefined) throw new Error('the gateway database has no job to copy');
  const { seq: _seq, ...row } = template;
  const columns = Object.keys(row);

  const samples: Record<DriverName, { create: number[]; retrieve: number[] }> = {
    'better-sqlite3': { create: [], retrieve: [] },
    'node:sqlite': { create: [], retrieve: [] },
  };
  for (let round = 0; round < options.rounds; round++) {
    const order: DriverName[] =
      round % 2 === 0 ? ['better-sqlite3', 'node:sqlite'] : ['node:sqlite', 'better-sqlite3'];
    for (const driver of order) {
      const timing = runRound(open[driver](copy), { round, driver, row, columns, ...options });
      samples[driver].create.push(timing.createMicros);
      samples[driver].retrieve.push(timing.retrieveMicros);
    }
  }
  const drivers = {
    'better-sqlite3': summarize(samples['better-sqlite3']),
    'node:sqlite': summarize(samples['node:sqlite']),
  };
  const ratio = {
    createMicros: drivers['node:sqlite'].createMicros / drivers['better-sqlite3'].createMicros,
    retrieveMicros: drivers['node:sqlite'].retrieveMicros / drivers['better-sqlite3'].retrieveMicros,
  };
  const kept: DriverName =
    ratio.createMicros <= 1.1 && ratio.retrieveMicros <= 1.1 ? 'node:sqlite' : 'better-sqlite3';
  return {
    rounds: options.rounds,
    createsPerRound: options.createsPerRound,
    retrievesPerRound: options.retrievesPerRound,
    drivers,
    ratio,
    kept,
  };
}

function summarize(samples: { create: number[]; retrieve: number[] }): DriverTiming {
  return { createMicros: median(samples.create), retrieveMicros: median(samples.retrieve) };
}

function runRound(
  db: Connection,
  options: {
    round: number;
    driver: DriverName;
    row: Row;
    columns: string[];
    createsPerRound: number;
    retrievesPerRound: number;
  },
): DriverTiming {
  try {
    db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON',
    );
    const insertJob = db.prepare(
      `INSERT INTO jobs (${options.columns.join(', ')}) VALUES (${options.columns.map(() => '?').join(', ')})`,
    );
    const claimKey = db.prepare(
      'INSERT INTO idempotency_keys (owner, key, body_hash, job_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const markSubmitting = db.prepare('UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?');
    const markSubmitted = db.prepare(
      'UPDATE jobs SET state = ?, upstream_id = ?, updated_at = ? WHERE id = ?',
    );
    const selectJob = db.prepare('SELECT * FROM jobs WHERE id = ?');
    const tag = `${options.driver === 'node:sqlite' ? 'n' : 'b'}${options.round}`;
    const ids: string[] = [];

    const createStart = performance.now();
    for (let index = 0; index < options.createsPerRound; index++) {
      const id = `video_bench_${tag}_${index}`;
      ids.push(id);
      const now = Date.now();
      db.exec('BEGIN IMMEDIATE');
      claimKey.run('bench', `${tag}-${index}`, 'hash', id, now);
      insertJob.run(...options.columns.map((column) => (column === 'id' ? id : options.row[column])));
      db.exec('COMMIT');
      markSubmitting.run('submitting', now, id);
      markSubmitted.run('submitted', `upstream_${tag}_${index}`, now, id);
    }
    const createMicros = ((performance.now() - createStart) * 1000) / options.createsPerRound;

    const retrieveStart = performance.now();
    for (let index = 0; index < options.retrievesPerRound; index++) {
      if (selectJob.get(ids[index % ids.length]) === undefined)
        throw new Error('a job written in this round is missing');
    }
    const retrieveMicros = ((performance.now() - retrieveStart) * 1000) / options.retrievesPerRound;
    return { createMicros, retrieveMicros };
  } finally {
    db.close();
  }
}
