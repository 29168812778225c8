import { InvalidRequestError } from '@reelay/core';
import { usageReportToCsv } from '@reelay/engine';
import { parseRequest } from '../http/validation-error';
import type { RouteDeps } from './route-deps';
import { usageQuerySchema } from './usage-query-schema';

const knownParams = Object.keys(usageQuerySchema.shape);

/**
 * `GET /v1/usage`: spend, requests, videos, seconds and failures by day, key, model and provider, as JSON or
 * (with `format=csv` or `Accept: text/csv`) CSV. A project key sees its own jobs; an admin key, and a gateway
 * without keys (loopback only), every key's (`group_by=day,key` for spend and jobs per key per day). See the
 * README's "Usage export".
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
