import type { UsageReport } from './usage-report';

type Row = UsageReport['data'][number];

const groupColumns: Record<UsageReport['group_by'][number], Array<keyof Row>> = {
  day: ['day'],
  key: ['key_id', 'key_name'],
  model: ['model'],
  provider: ['provider'],
};

const metricColumns: Array<[string, (row: Row) => string | number]> = [
  ['jobs', (row) => row.jobs],
  ['videos', (row) => row.videos],
  ['videos_completed', (row) => row.videos_completed],
  ['videos_failed', (row) => row.videos_failed],
  ['videos_unpriced', (row) => row.videos_unpriced],
  ['seconds', (row) => row.seconds],
  ['cost_usd', (row) => row.cost.usd],
  ['cost_micros', (row) => row.cost.micros],
  ['cost_estimate_usd', (row) => row.cost_estimate.usd],
  ['cost_estimate_micros', (row) => row.cost_estimate.micros],
];

/**
 * The report's rows as RFC 4180 CSV (CRLF line ends, a header line even when there are no rows): the grouped
 * columns first, then the numbers. Totals are not a row, so that summing a column never counts twice.
 */
export function usageReportToCsv(report: UsageReport): string {
  const groups = report.group_by.flatMap((group) => groupColumns[group]);
  const lines = [[...groups, ...metricColumns.map(([name]) => name)].join(',')];
  for (const row of report.data) {
    lines.push(
      [
        ...groups.map((column) => textCell(row[column] as string | null | undefined)),
        ...metricColumns.map(([, value]) => String(value(row))),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A spreadsheet runs a cell that starts like a formula; key names are free text, so defuse them.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
