import { InvalidRequestError } from '@reelay/core';
import { microsToUsdString } from '@reelay/pricing';
import type { ApiKeys } from '../keys/api-keys';
import type { JobStore } from '../store/job-store';
import { type UsageRow, usageGroups } from '../store/usage-query';
import type { UsageMetrics, UsageReport, UsageReportRow } from './usage-report';
import type { UsageReportQuery } from './usage-report-query';

const DAY_MS = 86_400_000;

/**
 * Usage of the jobs created in `[start, end)`, of one key's jobs (`owner`, `''` for keyless ones) or, with
 * `owner` undefined, of every key's. Who may see what is the caller's decision (see `engine.usage`).
 */
export async function buildUsageReport(
  source: { store: JobStore; apiKeys: ApiKeys; now: () => number },
  query: UsageReportQuery,
  owner: string | undefined,
): Promise<UsageReport> {
  const end = query.end ?? source.now();
  const start = query.start ?? Math.floor((end - 1) / DAY_MS) * DAY_MS - 29 * DAY_MS;
  if (!(start < end)) {
    throw new InvalidRequestError({
      param: 'start',
      message: `start (${new Date(start).toISOString()}) must be before end (${new Date(end).toISOString()}). Give an earlier start or a later end.`,
    });
  }
  const groupBy = usageGroups.filter((group) => (query.groupBy ?? ['day']).includes(group));
  const range = { from: start, to: end, owner };
  const [rows, [totals]] = await Promise.all([
    source.store.usage({ ...range, groupBy }),
    source.store.usage({ ...range, groupBy: [] }),
  ]);
  const names = groupBy.includes('key') ? await keyNames(source.apiKeys) : new Map<string, string>();
  return {
    object: 'usage',
    start_time: Math.floor(start / 1000),
    end_time: Math.ceil(end / 1000),
    group_by: groupBy,
    visibility: owner === undefined ? 'all_keys' : 'own_key',
    data: rows.map((row) => toReportRow(row, names)),
    totals: metrics(totals!),
  };
}

async function keyNames(apiKeys: ApiKeys): Promise<Map<string, string>> {
  return new Map((await apiKeys.list()).map((key) => [key.id, key.name]));
}

function toReportRow(row: UsageRow, names: Map<string, string>): UsageReportRow {
  return {
    ...(row.day !== undefined ? { day: row.day } : {}),
    ...(row.owner !== undefined
      ? { key_id: row.owner === '' ? null : row.owner, key_name: names.get(row.owner) ?? null }
      : {}),
    ...(row.model !== undefined ? { model: row.model } : {}),
    ...(row.provider !== undefined ? { provider: row.provider } : {}),
    ...metrics(row),
  };
}

function metrics(row: UsageRow): UsageMetrics {
  return {
    jobs: row.jobs,
    videos: row.videos,
    videos_completed: row.videosCompleted,
    videos_failed: row.videosFailed,
    videos_unpriced: row.videosUnpriced,
    seconds: row.seconds,
    cost: money(row.costMicros),
    cost_estimate: money(row.costEstimateMicros),
  };
}

const money = (micros: number) => ({ usd: microsToUsdString(micros), micros });
