import { InvalidRequestError } from '@reelay/core';
import { type UsageGroup, usageGroups, usageReportToCsv } from '@reelay/engine';
import { z } from 'zod';
import { parseRequest } from '../http/validation-error';
import type { RouteDeps } from './route-deps';

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

const knownParams = Object.keys(usageQuerySchema.shape);

/**
 * `GET /v1/usage`: spend, requests, videos, seconds and failures by day, key, model and provider, as JSON or
 * (with `format=csv` or `Accept: text/csv`) CSV. An API key sees its own jobs; a gateway without keys (loopback
 * only) shows every key's. See the README's "Usage export".
 */
export function registerUsage({ app, engine }: RouteDeps): void {
  app.get('/v1/usage', async (c) => {
    const queries = c.req.queries();
    const unknown = Object.keys(queries).find((name) => !knownParams.includes(name));
    if (unknown !== undefined) {
      throw new InvalidRequestError({
        param: unknown,
        code: 'unknown_parameter',
        message: `Unknown query parameter '${unknown}'. /v1/usage takes ${knownParams.join(', ')}.`,
      });
    }
    const query = parseRequest(usageQuerySchema, {
      ...(queries['start'] ? { start: queries['start'][0] } : {}),
      ...(queries['end'] ? { end: queries['end'][0] } : {}),
      ...(queries['group_by'] ? { group_by: queries['group_by'].join(',') } : {}),
      ...(queries['format'] ? { format: queries['format'][0] } : {}),
    });
    const report = await engine.usage(
      { start: query.start, end: query.end, groupBy: query.group_by },
      c.get('requestContext'),
    );
    c.header('vary', 'Accept');
    const csv = query.format === 'csv' || (query.format === undefined && acceptsCsv(c.req.header('accept')));
    if (!csv) return c.json(report);
    const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header(
      'content-disposition',
      `attachment; filename="reelay-usage-${day(report.start_time)}-${day(report.end_time - 1)}.csv"`,
    );
    return c.body(usageReportToCsv(report));
  });
}

/** CSV when the client ranks text/csv above application/json (by q, then by order); a bare wildcard means JSON. */
function acceptsCsv(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const ranked = accept.split(',').map((part, index) => {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return { type, q: q === undefined ? 1 : Number(q.slice(2)) || 0, index };
  });
  const csv = ranked.find((entry) => entry.type === 'text/csv');
  const json = ranked.find((entry) => entry.type === 'application/json');
  if (csv === undefined || csv.q === 0) return false;
  return json === undefined || csv.q > json.q || (csv.q === json.q && csv.index < json.index);
}
