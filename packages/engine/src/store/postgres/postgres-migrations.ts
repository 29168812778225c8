import pg from 'pg';

/**
 * The Postgres schema, the same tables as SQLite's with Postgres types. Times are epoch milliseconds
 * (BIGINT), JSON columns are TEXT so that one row mapping (`job-row.ts`) serves both backends. Never edit a
 * shipped migration: append a new one.
 */
const migrations: string[] = [
  `
  CREATE TABLE jobs (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'parent', 'child')),
    parent_id TEXT,
    child_index INTEGER,
    state TEXT NOT NULL,
    model TEXT NOT NULL,
    requested_model TEXT NOT NULL,
    prompt TEXT NOT NULL,
    request TEXT NOT NULL,
    input_image TEXT,
    body_hash TEXT NOT NULL,
    provider TEXT,
    offering_id TEXT,
    upstream_model TEXT,
    upstream_id TEXT,
    operation TEXT,
    size TEXT NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    tier TEXT,
    audio INTEGER NOT NULL DEFAULT 0,
    normalization TEXT NOT NULL DEFAULT '[]',
    warnings TEXT NOT NULL DEFAULT '[]',
    attempts TEXT NOT NULL DEFAULT '[]',
    submit_attempt INTEGER NOT NULL DEFAULT 0,
    progress INTEGER NOT NULL DEFAULT 0,
    cost_estimate_micros BIGINT,
    cost_micros BIGINT,
    error TEXT,
    create_error TEXT,
    outputs TEXT,
    remixed_from TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    completed_at BIGINT,
    expires_at BIGINT,
    deadline_at BIGINT,
    next_poll_at BIGINT,
    poll_count INTEGER NOT NULL DEFAULT 0,
    deleted_at BIGINT,
    outputs_removed_at BIGINT
  );
  CREATE INDEX jobs_listing ON jobs (owner, seq) WHERE parent_id IS NULL AND deleted_at IS NULL;
  CREATE INDEX jobs_children ON jobs (parent_id, child_index) WHERE parent_id IS NOT NULL;
  CREATE INDEX jobs_unfinished ON jobs (state) WHERE state IN ('queued_local', 'submitting', 'submitted', 'in_progress');
  CREATE INDEX jobs_expiring ON jobs (expires_at) WHERE expires_at IS NOT NULL AND outputs_removed_at IS NULL;
  CREATE INDEX jobs_upstream ON jobs (provider, upstream_id) WHERE upstream_id IS NOT NULL;

  CREATE TABLE idempotency_keys (
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    job_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner, key)
  );
  CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
  );

  CREATE TABLE webhook_deliveries (
    event_id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    delivered_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
  `,
  `
  -- The X-Request-Id of the request that created the job, and its W3C traceparent (NULL when tracing is off).
  ALTER TABLE jobs ADD COLUMN request_id TEXT;
  ALTER TABLE jobs ADD COLUMN trace_parent TEXT;
  `,
  `
  -- The last frame, reference images and source video of a request (JSON), kept like input_image.
  ALTER TABLE jobs ADD COLUMN input_media TEXT;
  `,
  `
  -- GET /v1/usage reads the jobs created in a time range.
  CREATE INDEX jobs_created ON jobs (created_at);
  `,
  `
  -- API keys grow scopes and limits. Keys made before are project keys: what they could do before (their own
  -- jobs and usage), nothing more. NULL limits mean none.
  ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'project' CHECK (scope IN ('admin', 'project'));
  ALTER TABLE api_keys ADD COLUMN daily_budget_micros BIGINT;
  ALTER TABLE api_keys ADD COLUMN monthly_budget_micros BIGINT;
  ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER;

  -- The most a video of a budgeted key may cost (its highest quote among the providers it may go to), written
  -- in the transaction that checks the budget and inserts the job; held while the job runs.
  CREATE TABLE budget_reservations (
    job_id TEXT PRIMARY KEY,
    micros BIGINT NOT NULL
  );

  -- One row per rate-limited key: this minute's and the previous minute's request counts.
  CREATE TABLE api_key_request_windows (
    key_id TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    requests INTEGER NOT NULL,
    previous_requests INTEGER NOT NULL
  );

  -- A key's spend this month, read before each of its creates.
  CREATE INDEX jobs_owner_created ON jobs (owner, created_at);
  `,
  `
  -- Many instances on one database: the instance tracking each job (its lease), each instance's heartbeat (a
  -- lease lasts while its owner's heartbeat is fresh), and values every instance shares (the webhook secret).
  ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
  CREATE INDEX jobs_lease ON jobs (lease_owner)
    WHERE state IN ('queued_local', 'submitting', 'submitted', 'in_progress');
  CREATE TABLE reelay_instances (
    id TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
  );
  CREATE TABLE reelay_shared (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  `,
];

/** Any fixed number shared by every Reelay instance: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 7_243_517_001;

/**
 * Applies the missing migrations, each in its own transaction, while holding a session advisory lock: of
 * many instances starting at once, one migrates and the others wait, then find nothing left to do.
 * Returns the versions applied.
 */
export async function migratePostgres(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS reelay_schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT MAX(version) AS version FROM reelay_schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      if (current > migrations.length) {
        throw new Error(
          `The database schema (version ${current}) is newer than this Reelay (version ${migrations.length}). ` +
            'Upgrade Reelay, or point REELAY_DATABASE_URL at another database.',
        );
      }
      const applied: number[] = [];
      for (let version = current; version < migrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[version]!);
          await client.query('INSERT INTO reelay_schema_migrations (version, applied_at) VALUES ($1, $2)', [
            version + 1,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(version + 1);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export const postgresSchemaVersion = migrations.length;

/** Connects to `url`, applies the missing migrations, disconnects: for a deploy step of its own. */
export async function migrateDatabase(url: string): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await migratePostgres(pool);
  } finally {
    await pool.end();
  }
}
