import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order inside one transaction each; `PRAGMA user_version` records the
 * last one applied. Never edit a shipped migration: append a new one.
 */
const migrations: string[] = [
  `
  CREATE TABLE jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    seconds REAL NOT NULL,
    tier TEXT,
    audio INTEGER NOT NULL DEFAULT 0,
    normalization TEXT NOT NULL DEFAULT '[]',
    warnings TEXT NOT NULL DEFAULT '[]',
    attempts TEXT NOT NULL DEFAULT '[]',
    submit_attempt INTEGER NOT NULL DEFAULT 0,
    progress INTEGER NOT NULL DEFAULT 0,
    cost_estimate_micros INTEGER,
    cost_micros INTEGER,
    error TEXT,
    create_error TEXT,
    outputs TEXT,
    remixed_from TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    submitted_at INTEGER,
    completed_at INTEGER,
    expires_at INTEGER,
    deadline_at INTEGER,
    next_poll_at INTEGER,
    poll_count INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER,
    outputs_removed_at INTEGER
  );
  CREATE INDEX jobs_listing ON jobs (owner, seq) WHERE parent_id IS NULL AND deleted_at IS NULL;
  CREATE INDEX jobs_children ON jobs (parent_id, child_index) WHERE parent_id IS NOT NULL;
  CREATE INDEX jobs_unfinished ON jobs (state) WHERE state IN ('queued_local', 'submitting', 'submitted', 'in_progress');
  CREATE INDEX jobs_expiring ON jobs (expires_at) WHERE expires_at IS NOT NULL AND outputs_removed_at IS NULL;

  CREATE TABLE idempotency_keys (
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    job_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (owner, key)
  );
  CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  `,
  `
  CREATE INDEX jobs_upstream ON jobs (provider, upstream_id) WHERE upstream_id IS NOT NULL;

  -- One outgoing webhook event per finished job (job_id is the top-level job: a single job or an n > 1 parent).
  -- payload is the exact body sent on every attempt; next_attempt_at is NULL once delivered or given up.
  CREATE TABLE webhook_deliveries (
    event_id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    delivered_at INTEGER,
    failed_at INTEGER,
    last_error TEXT
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
  `,
  `
  -- The X-Request-Id of the request that created the job, and its W3C traceparent (NULL when tracing is off),
  -- so the tracker's later log lines and spans belong to the same request and trace.
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
  ALTER TABLE api_keys ADD COLUMN daily_budget_micros INTEGER;
  ALTER TABLE api_keys ADD COLUMN monthly_budget_micros INTEGER;
  ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER;

  -- The most a video of a budgeted key may cost (its highest quote among the providers it may go to), written
  -- in the transaction that checks the budget and inserts the job; held while the job runs.
  CREATE TABLE budget_reservations (
    job_id TEXT PRIMARY KEY,
    micros INTEGER NOT NULL
  );

  -- One row per rate-limited key: this minute's and the previous minute's request counts.
  CREATE TABLE api_key_request_windows (
    key_id TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    previous_requests INTEGER NOT NULL
  );

  -- A key's spend this month, read before each of its creates.
  CREATE INDEX jobs_owner_created ON jobs (owner, created_at);
  `,
];

/** Applies the missing migrations, up to `target` (default: all; tests stop earlier to seed an older schema). */
export function migrate(db: Database.Database, target = migrations.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this Reelay (version ${migrations.length}). ` +
        'Upgrade Reelay or point REELAY_DATA_DIR at another directory.',
    );
  }
  for (let version = current; version < target; version++) {
    const sql = migrations[version]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export const schemaVersion = migrations.length;
