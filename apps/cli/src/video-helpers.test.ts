import { describe, expect, it } from 'vitest';
import { formatMoney } from './video-helpers';

describe('formatMoney', () => {
  it.each([
    [1_008_000, '$1.01'],
    [1_005_000, '$1.01'],
    [4_000_000, '$4.00'],
    [4_999, '$0.00'],
    [-1_500_000, '-$1.50'],
  ])('%i micro-USD reads %s', (micros, text) => {
    expect(formatMoney({ usd: 'ignored', micros })).toBe(text);
  });

  it('says unpriced when there is no price', () => {
    expect(formatMoney(null)).toBe('unpriced');
  });
});
