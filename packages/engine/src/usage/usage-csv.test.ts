import { describe, expect, it } from 'vitest';
import { usageReportToCsv } from './usage-csv';
import type { UsageReport } from './usage-report';

const money = (micros: number) => ({ usd: String(micros / 1e6), micros });
const numbers = {
  jobs: 2,
  videos: 3,
  videos_completed: 2,
  videos_failed: 1,
  videos_unpriced: 0,
  seconds: 9.5,
  cost: money(1_250_000),
  cost_estimate: money(0),
};

function report(data: UsageReport['data'], groupBy: UsageReport['group_by']): UsageReport {
  return {
    object: 'usage',
    start_time: 0,
    end_time: 86_400,
    group_by: groupBy,
    visibility: 'all_keys',
    data,
    totals: numbers,
  };
}

describe('usageReportToCsv', () => {
  it('writes the grouped columns, then the numbers, with CRLF line ends and empty cells for null', () => {
    const csv = usageReportToCsv(
      report(
        [{ day: '2026-12-01', key_id: null, key_name: null, provider: 'alpha', ...numbers }],
        ['day', 'key', 'provider'],
      ),
    );
    expect(csv).toBe(
      'day,key_id,key_name,provider,jobs,videos,videos_completed,videos_failed,videos_unpriced,seconds,cost_usd,cost_micros,cost_estimate_usd,cost_estimate_micros\r\n' +
        '2026-12-01,,,alpha,2,3,2,1,0,9.5,1.25,1250000,0,0\r\n',
    );
  });

  it.each([
    ['ops, team', '"ops, team"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['-1+1', "'-1+1"],
    ['plain', 'plain'],
  ])('quotes and defuses the key name %s', (name, cell) => {
    const csv = usageReportToCsv(report([{ key_id: 'key_1', key_name: name, ...numbers }], ['key']));
    expect(csv.split('\r\n')[1]?.startsWith(`key_1,${cell},2,`)).toBe(true);
  });

  it('writes the header alone when there are no rows', () => {
    expect(usageReportToCsv(report([], ['model']))).toBe(
      'model,jobs,videos,videos_completed,videos_failed,videos_unpriced,seconds,cost_usd,cost_micros,cost_estimate_usd,cost_estimate_micros\r\n',
    );
  });
});
