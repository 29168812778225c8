import { InvalidRequestError, type ResolutionTier } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { type CostRequest, cost } from './cost';
import { NoPriceError } from './errors/no-price-error';
import { loadCatalog } from './load-catalog';

const at = '2026-11-01';
const catalog = loadCatalog({
  models: [{ id: 'tiny', name: 'Tiny test model', creator: 'test', family: 'test' }],
  prices: [
    {
      provider: 'test',
      model: 'tiny',
      asOf: '2026-01-01',
      source: 'cost.test.ts',
      unit: 'per_second',
      rates: { '480p': 1, '720p': 1_500 },
    },
  ],
});

describe('cost', () => {
  it.each<[string, CostRequest, { micros: number; seconds: number; perUnitMicros: number }]>([
    [
      'fal sora-2-pro 720p, exactly 8 s',
      { provider: 'fal', model: 'sora-2-pro', tier: '720p', audio: true, actualSeconds: 8, at },
      { micros: 2_400_000, seconds: 8, perUnitMicros: 300_000 },
    ],
    [
      'fal sora-2-pro 720p, 8.04 s made',
      { provider: 'fal', model: 'sora-2-pro', tier: '720p', audio: true, actualSeconds: 8.04, at },
      { micros: 2_412_000, seconds: 8.04, perUnitMicros: 300_000 },
    ],
    [
      'fal sora-2-pro 720p, 7.9996 s (taken to the millisecond: 8.000 s)',
      { provider: 'fal', model: 'sora-2-pro', tier: '720p', audio: true, actualSeconds: 7.9996, at },
      { micros: 2_400_000, seconds: 8, perUnitMicros: 300_000 },
    ],
    [
      'fal kling-3 1080p with audio, 5.0004 s (5.000 s)',
      { provider: 'fal', model: 'kling-3', tier: '1080p', audio: true, actualSeconds: 5.0004, at },
      { micros: 840_000, seconds: 5, perUnitMicros: 168_000 },
    ],
    [
      'rate 1500/s for 1 ms: 1.5 micro-USD rounds half up to 2',
      { provider: 'test', model: 'tiny', tier: '720p', audio: false, actualSeconds: 0.001, at },
      { micros: 2, seconds: 0.001, perUnitMicros: 1_500 },
    ],
    [
      'rate 1500/s for 3 ms: 4.5 rounds half up to 5',
      { provider: 'test', model: 'tiny', tier: '720p', audio: false, actualSeconds: 0.003, at },
      { micros: 5, seconds: 0.003, perUnitMicros: 1_500 },
    ],
    [
      'rate 1500/s for 1.333 s: 1999.5 rounds half up to 2000',
      { provider: 'test', model: 'tiny', tier: '720p', audio: false, actualSeconds: 1.333, at },
      { micros: 2_000, seconds: 1.333, perUnitMicros: 1_500 },
    ],
    [
      'rate 1/s for 1 ms: never below 1 micro-USD',
      { provider: 'test', model: 'tiny', tier: '480p', audio: false, actualSeconds: 0.001, at },
      { micros: 1, seconds: 0.001, perUnitMicros: 1 },
    ],
    [
      'rate 1/s for 0.1 ms: still 1 micro-USD',
      { provider: 'test', model: 'tiny', tier: '480p', audio: false, actualSeconds: 0.0001, at },
      { micros: 1, seconds: 0, perUnitMicros: 1 },
    ],
    [
      'n = 2 multiplies the rounded amount',
      { provider: 'test', model: 'tiny', tier: '720p', audio: false, actualSeconds: 0.001, n: 2, at },
      { micros: 4, seconds: 0.001, perUnitMicros: 1_500 },
    ],
  ])('should cost %s', (_name, request, expected) => {
    expect(cost(catalog, request)).toMatchObject({ ...expected, unit: 'per_second' });
  });

  it.each<[string, number, number | undefined, number, number]>([
    ['768p', 6.04, undefined, 6, 280_000],
    ['768p', 9.8, undefined, 10, 560_000],
    ['768p', 8, undefined, 10, 560_000],
    ['768p', 9.9, 6, 6, 280_000],
    ['1080p', 9.5, undefined, 6, 490_000],
  ])(
    'should cost hailuo-2.3 per video: %s, %d s made, %s s asked → the %i s clip',
    (tier, actualSeconds, seconds, clip, micros) => {
      const result = cost(catalog, {
        provider: 'replicate',
        model: 'hailuo-2.3',
        tier: tier as ResolutionTier,
        audio: false,
        actualSeconds,
        seconds,
        at,
      });
      expect(result).toMatchObject({ unit: 'per_video', micros, perUnitMicros: micros, seconds: clip });
    },
  );

  it('should refuse a requested per-video length the tier does not price', () => {
    const request: CostRequest = {
      provider: 'replicate',
      model: 'hailuo-2.3',
      tier: '1080p',
      audio: false,
      actualSeconds: 10,
      seconds: 10,
      at,
    };
    expect(() => cost(catalog, request)).toThrow(NoPriceError);
  });

  it.each<[string, number]>([
    ['zero', 0],
    ['negative', -1],
    ['NaN', Number.NaN],
  ])('should refuse a %s actual duration', (_name, actualSeconds) => {
    const request: CostRequest = {
      provider: 'fal',
      model: 'sora-2-pro',
      tier: '720p',
      audio: true,
      actualSeconds,
      at,
    };
    expect(() => cost(catalog, request)).toThrow(InvalidRequestError);
  });
});
