import { describe, expect, it } from 'vitest';
import { formatUsd } from './format-usd';
import { loadCatalog } from './load-catalog';
import { type ProviderPriceRange, priceRange } from './price-range';

const catalog = loadCatalog();

describe('priceRange', () => {
  it.each<[string, string, Array<Partial<ProviderPriceRange>>]>([
    [
      'sora-2-pro',
      '2026-11-01',
      [
        { provider: 'fal', fromMicrosPerSecond: 300_000, toMicrosPerSecond: 500_000, asOf: '2026-03-13' },
        { provider: 'openai', fromMicrosPerSecond: 300_000, toMicrosPerSecond: 700_000, asOf: '2026-09-19' },
        {
          provider: 'replicate',
          fromMicrosPerSecond: 300_000,
          toMicrosPerSecond: 500_000,
          asOf: '2026-01-21',
        },
      ],
    ],
    [
      'sora-2-pro',
      '2026-02-01',
      [
        { provider: 'openai', fromMicrosPerSecond: 300_000, toMicrosPerSecond: 500_000, asOf: '2026-01-21' },
        {
          provider: 'replicate',
          fromMicrosPerSecond: 300_000,
          toMicrosPerSecond: 500_000,
          asOf: '2026-01-21',
        },
      ],
    ],
    [
      'veo-3.1',
      '2026-11-01',
      [{ provider: 'fal', fromMicrosPerSecond: 200_000, toMicrosPerSecond: 600_000 }],
    ],
    [
      'kling-3',
      '2026-11-01',
      [
        {
          provider: 'fal',
          fromMicrosPerSecond: 112_000,
          toMicrosPerSecond: 168_000,
          fromMicrosPerVideo: undefined,
        },
        { provider: 'replicate', fromMicrosPerSecond: 168_000, toMicrosPerSecond: 336_000 },
      ],
    ],
    [
      'hailuo-2.3',
      '2026-11-01',
      [
        {
          provider: 'replicate',
          unit: 'per_video',
          fromMicrosPerSecond: 46_667,
          toMicrosPerSecond: 81_667,
          fromMicrosPerVideo: 280_000,
        },
      ],
    ],
    [
      'wan-2.7',
      '2026-11-01',
      [
        { provider: 'fal', fromMicrosPerSecond: 100_000, estimated: true },
        { provider: 'replicate', fromMicrosPerSecond: 100_000, estimated: false },
      ],
    ],
    ['no-such-model', '2026-11-01', []],
  ])('should span the prices of %s at %s, cheapest first', (model, at, expected) => {
    const ranges = priceRange(catalog, model, { at });
    expect(ranges).toHaveLength(expected.length);
    expected.forEach((range, index) => {
      expect(ranges[index]).toMatchObject(range);
    });
  });

  it('should give what a "from $0.30/s" display needs', () => {
    const [cheapest] = priceRange(catalog, 'sora-2-pro', { at: '2026-11-01' });
    expect(cheapest && `from ${formatUsd(cheapest.fromMicrosPerSecond)}/s`).toBe('from $0.30/s');
  });
});
