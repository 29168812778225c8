import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export type SeedPlan = {
  /** The job (created over HTTP, submitted upstream) every copy is made from. */
  templateId: string;
  copies: number;
  /** The last `dueCount` copies are due at `dueAt`, the others at `laterAt` (epoch ms). */
  dueCount: number;
  dueAt: number;
  laterAt: number;
};

/** Where the gateway keeps its jobs: Postgres when `databaseUrl` is set, otherwise `reelay.db` in `dataDir`. */
export type JobDatabase = { dataDir: string; databaseUrl?: string };

// Every column is copied from the template except these, which each copy gets its own value for (and `seq`,
// which the database numbers). Copies have no lease owner, so the next gateway to start takes them all over, and
// they count as long-running (`poll_count` 20), so each waits the longest backoff between its polls.
const OWN_COLUMNS = new Set(['seq', 'id', 'next_poll_at', 'poll_count', 'lease_owner']);
const POLL_COUNT = 20;

/**
 * Makes `copies` in-flight jobs in one statement, each a copy of a real submitted job with its own id and due
 * time. Creating 100,000 jobs over HTTP would take minutes; what the tracker holds per job is the same either way.
 * The gateway must not be running.
 */
export async function seedInFlightJobs(database: JobDatabase, plan: SeedPlan): Promise<void> {
  if (database.databaseUrl === undefined) seedSqlite(join(database.dataDir, 'reelay.db'), plan);
  else await seedPostgres(database.databaseUrl, plan);
}

function seedSqlite(file: string, plan: SeedPlan): void {
  const db = new Database(file);
  try {
    const columns = (db.prepare('PRAGMA table_info(jobs)').all() as Array<{ name: string }>)
      .map((column) => column.name)
      .filter((name) => !OWN_COLUMNS.has(name));
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @copies)
       INSERT INTO jobs (id, next_poll_at, poll_count, ${columns.join(', ')})
       SELECT printf('video_%024x', i + 1), CASE WHEN i >= @copies - @dueCount THEN @dueAt ELSE @laterAt END, ${POLL_COUNT}, ${columns.map((name) => `t.${name}`).join(', ')}
       FROM n, jobs t WHERE t.id = @templateId`,
    ).run(plan);
  } finally {
    db.close();
  }
}

async function seedPostgres(url: string, plan: SeedPlan): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'jobs' ORDER BY ordinal_position`,
    );
    const columns = result.rows.map((row) => row.column_name).filter((name) => !OWN_COLUMNS.has(name));
    await client.query(
      `INSERT INTO jobs (id, next_poll_at, poll_count, ${columns.join(', ')})
       SELECT 'video_' || lpad(to_hex(i + 1), 24, '0'), CASE WHEN i >= $5::int - $2 THEN $3::bigint ELSE $4::bigint END, ${POLL_COUNT}, ${columns.map((name) => `t.${name}`).join(', ')}
       FROM generate_series(0, $5::int - 1) AS i, jobs t WHERE t.id = $1`,
      [plan.templateId, plan.dueCount, plan.dueAt, plan.laterAt, plan.copies],
    );
    await client.query('ANALYZE jobs');
  } finally {
    await client.end();
  }
}
