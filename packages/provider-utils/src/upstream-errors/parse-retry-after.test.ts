import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './parse-retry-after';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string, Record<string, string>, number | undefined]>([
    ['nothing', {}, undefined],
    ['retry-after-ms', { 'retry-after-ms': '250' }, 250],
    ['retry-after-ms wins over retry-after', { 'retry-after-ms': '250', 'retry-after': '10' }, 250],
    ['bad retry-after-ms falls through', { 'retry-after-ms': 'soon', 'retry-after': '10' }, 10_000],
    ['seconds', { 'retry-after': '30' }, 30_000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1500],
    ['zero', { 'retry-after': '0' }, 0],
    ['HTTP date', { 'retry-after': 'Tue, 24 Nov 2026 12:01:00 GMT' }, 60_000],
    ['HTTP date in the past', { 'retry-after': 'Tue, 24 Nov 2026 11:00:00 GMT' }, 0],
    ['negative seconds', { 'retry-after': '-5' }, undefined],
    ['garbage', { 'retry-after': 'later please' }, undefined],
    ['empty', { 'retry-after': '' }, undefined],
  ])('%s', (_name, headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), now)).toBe(expected);
  });
});
