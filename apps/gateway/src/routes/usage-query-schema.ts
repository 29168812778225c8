import { type UsageGroup, usageGroups } from '@reelay/engine';
import { z } from 'zod';

const DAY_MS = 86_400_000;
const groupList = 'day, key, model and provider';

/** `YYYY-MM-DD` (a UTC day) or unix seconds, as epoch ms; a day as `end` means through the end of that day. */
function timeParam(edge: 'start' | 'end') {
  return z
    .string()
    .refine((value) => toMs(value, edge) !== undefined, {
      error: (issue) =>
        `must be a date (YYYY-MM-DD, UTC) or unix seconds, e.g. 2026-12-01 or 1796083200; got ${JSON.stringify(issue.input)}`,
    })
    .transform((value) => toMs(value, edge)!);
}

function toMs(value: string, edge: 'start' | 'end'): number | undefined {
  if (/^\d{1,11}$/.test(value)) return Number(value) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const day = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; a date that does not read back the same is not a date.
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== value) return undefined;
  return edge === 'end' ? day + DAY_MS : day;
}

/** The query of `GET /v1/usage`; `group_by` is one comma-separated list (repeated parameters are joined). */
export const usageQuerySchema = z.object({
  start: timeParam('start').optional(),
  end: timeParam('end').optional(),
  group_by: z
    .string()
    .refine((value) => splitGroups(value).every((group) => usageGroups.includes(group as UsageGroup)), {
      error: (issue) =>
        `must be a comma-separated list of ${groupList} (or empty for totals only); got ${JSON.stringify(issue.input)}`,
    })
    .transform((value) => splitGroups(value) as UsageGroup[])
    .optional(),
  format: z.enum(['json', 'csv'], { error: 'must be "json" or "csv"' }).optional(),
});

function splitGroups(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
