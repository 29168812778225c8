/** What usage can be grouped by: the UTC day a job was created, its API key, its model, its provider. */
export const usageGroups = ['day', 'key', 'model', 'provider'] as const;
export type UsageGroup = (typeof usageGroups)[number];

export type UsageQuery = {
  /** Jobs created at or after this time (epoch ms). */
  from: number;
  /** Jobs created before this time (epoch ms). */
  to: number;
  /** Only this API key's jobs (`''` for jobs made while the gateway had no keys); `undefined`: every key's. */
  owner: string | undefined;
  /** An empty list makes one row: the totals. */
  groupBy: readonly UsageGroup[];
};

/**
 * One group's usage. Counts are of videos (a single job, or one child of an `n` > 1 request), except `jobs`,
 * which counts requests; a request whose children landed on two providers counts once in each provider's row.
 */
export type UsageRow = {
  /** `YYYY-MM-DD` (UTC), when grouped by day. */
  day?: string;
  /** The API key id (`''`: no key), when grouped by key. */
  owner?: string;
  model?: string;
  /** `null` for a video no provider took. */
  provider?: string | null;
  jobs: number;
  videos: number;
  videosCompleted: number;
  videosFailed: number;
  /** Completed videos with no known price: their cost is missing from `costMicros`. */
  videosUnpriced: number;
  /** Seconds of completed video. */
  seconds: number;
  /** Final cost of completed videos. */
  costMicros: number;
  /** Quoted cost of videos still running. */
  costEstimateMicros: number;
};

const DAY_MS = 86_400_000;

const groupColumns: Record<UsageGroup, string> = {
  // Integer division: the same UTC day number in SQLite and Postgres (created_at is never negative).
  day: `created_at / ${DAY_MS}`,
  key: 'owner',
  model: 'model',
  provider: 'provider',
};

const unfinished = "('queued_local', 'submitting', 'submitted', 'in_progress')";

/**
 * The one aggregate both SQL stores run (`placeholder(n)` is `?` or `$n`). Videos are the `single` and
 * `child` rows; a parent only groups its children. Deleted jobs still count: their cost was spent.
 * The sums are cast because Postgres sums BIGINT to NUMERIC, which its driver would hand back as text.
 */
export function usageSql(query: UsageQuery, placeholder: (index: number) => string): UsageStatement {
  const groups = orderedGroups(query.groupBy);
  const values: unknown[] = [query.from, query.to];
  let where = `kind IN ('single', 'child') AND created_at >= ${placeholder(1)} AND created_at < ${placeholder(2)}`;
  if (query.owner !== undefined) {
    values.push(query.owner);
    where += ` AND owner = ${placeholder(3)}`;
  }
  const selected = groups.map((group) => `${groupColumns[group]} AS group_${group}`);
  const completed = (expression: string) => `CASE WHEN state = 'completed' THEN ${expression} ELSE 0 END`;
  const sql = `SELECT ${[
    ...selected,
    'COUNT(DISTINCT COALESCE(parent_id, id)) AS jobs',
    'COUNT(*) AS videos',
    `CAST(COALESCE(SUM(${completed('1')}), 0) AS BIGINT) AS videos_completed`,
    "CAST(COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS videos_failed",
    `CAST(COALESCE(SUM(${completed('CASE WHEN cost_micros IS NULL THEN 1 ELSE 0 END')}), 0) AS BIGINT) AS videos_unpriced`,
    `COALESCE(SUM(${completed('seconds')}), 0) AS seconds`,
    `CAST(COALESCE(SUM(${completed('COALESCE(cost_micros, 0)')}), 0) AS BIGINT) AS cost_micros`,
    `CAST(COALESCE(SUM(CASE WHEN state IN ${unfinished} THEN COALESCE(cost_estimate_micros, 0) ELSE 0 END), 0) AS BIGINT) AS cost_estimate_micros`,
  ].join(', ')}
  FROM jobs WHERE ${where}${
    groups.length === 0 ? '' : ` GROUP BY ${groups.map((group) => groupColumns[group]).join(', ')}`
  }`;
  return { sql, values };
}

export type UsageStatement = { sql: string; values: unknown[] };

/** A raw result row of `usageSql` (Postgres's BIGINTs arrive as numbers, see `open-postgres-stores.ts`). */
export type UsageSqlRow = {
  group_day?: number;
  group_key?: string;
  group_model?: string;
  group_provider?: string | null;
  jobs: number;
  videos: number;
  videos_completed: number;
  videos_failed: number;
  videos_unpriced: number;
  seconds: number;
  cost_micros: number;
  cost_estimate_micros: number;
};

/**
 * The rows in one order for every backend: by day, key, model, provider, a missing provider last. Sorted here
 * rather than in SQL because Postgres collates text by locale and SQLite by bytes; the groups are few.
 */
export function toUsageRows(rows: UsageSqlRow[]): UsageRow[] {
  return rows.map(toUsageRow).sort(compareRows);
}

function compareRows(a: UsageRow, b: UsageRow): number {
  for (const field of ['day', 'owner', 'model', 'provider'] as const) {
    const left = a[field];
    const right = b[field];
    if (left === right) continue;
    if (left === null || left === undefined) return 1;
    if (right === null || right === undefined) return -1;
    return left < right ? -1 : 1;
  }
  return 0;
}

function toUsageRow(row: UsageSqlRow): UsageRow {
  return {
    ...(row.group_day !== undefined
      ? { day: new Date(Number(row.group_day) * DAY_MS).toISOString().slice(0, 10) }
      : {}),
    ...(row.group_key !== undefined ? { owner: row.group_key } : {}),
    ...(row.group_model !== undefined ? { model: row.group_model } : {}),
    ...(row.group_provider !== undefined ? { provider: row.group_provider } : {}),
    jobs: Number(row.jobs),
    videos: Number(row.videos),
    videosCompleted: Number(row.videos_completed),
    videosFailed: Number(row.videos_failed),
    videosUnpriced: Number(row.videos_unpriced),
    // Sums of fractional seconds (4.5 + 0.1) carry float noise; a millisecond is finer than any duration.
    seconds: Math.round(Number(row.seconds) * 1000) / 1000,
    costMicros: Number(row.cost_micros),
    costEstimateMicros: Number(row.cost_estimate_micros),
  };
}

/** Groups in one fixed order (day, key, model, provider), each once, whatever order the caller gave. */
function orderedGroups(groupBy: readonly UsageGroup[]): UsageGroup[] {
  return usageGroups.filter((group) => groupBy.includes(group));
}
