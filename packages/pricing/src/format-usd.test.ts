import { describe, expect, it } from 'vitest';
import { formatUsd, microsToUsdString } from './format-usd';

describe('microsToUsdString and formatUsd', () => {
  it.each<[number, string, string]>([
    [0, '0.00', '$0.00'],
    [1, '0.000001', '$0.000001'],
    [100, '0.0001', '$0.0001'],
    [10_000, '0.01', '$0.01'],
    [70_000, '0.07', '$0.07'],
    [112_000, '0.112', '$0.112'],
    [300_000, '0.30', '$0.30'],
    [4_000_000, '4.00', '$4.00'],
    [2_412_001, '2.412001', '$2.412001'],
    [1_234_567_890, '1234.56789', '$1234.56789'],
    [-300_000, '-0.30', '-$0.30'],
  ])('should write %i micro-USD exactly', (micros, usd, display) => {
    expect(microsToUsdString(micros)).toBe(usd);
    expect(formatUsd(micros)).toBe(display);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    'should refuse %d, which is not whole micro-USD',
    (micros) => {
      expect(() => microsToUsdString(micros)).toThrow(RangeError);
    },
  );
});
