import type { ResolutionTier } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { cost } from '../cost';
import { NoPriceError } from '../errors/no-price-error';
import { formatUsd } from '../format-usd';
import { loadCatalog } from '../load-catalog';
import { quote } from '../quote';

const catalog = loadCatalog();
const now = '2026-12-04';

/** The offerings every provider plugin declares (fixed cross-package facts): provider, model, tiers, durations. */
const offerings: Array<[string, string, ResolutionTier[], number[]]> = [
  ['openai', 'sora-2', ['720p'], [4, 8, 12, 16, 20]],
  ['openai', 'sora-2-pro', ['720p', '1024p', '1080p'], [4, 8, 12, 16, 20]],
  ['fal', 'sora-2-pro', ['720p', '1080p'], [4, 8, 12, 16, 20]],
  ['replicate', 'sora-2-pro', ['720p', '1024p'], [4, 8, 12, 16, 20]],
  ['fal', 'veo-3.1', ['720p', '1080p', '2160p'], [4, 6, 8]],
  ['fal', 'kling-3', ['1080p'], range(3, 15)],
  ['replicate', 'kling-3', ['720p', '1080p'], range(3, 15)],
  ['fal', 'wan-2.7', ['720p', '1080p'], range(2, 15)],
  ['replicate', 'wan-2.7', ['720p', '1080p'], range(2, 15)],
  ['fal', 'seedance-2.0', ['720p', '1080p'], range(4, 15)],
  ['replicate', 'seedance-2.0-fast', ['480p', '720p'], range(4, 15)],
  ['replicate', 'hailuo-2.3', ['768p', '1080p'], [6, 10]],
  ['replicate', 'luma-ray-2', ['720p'], [5, 9]],
  ['replicate', 'runway-gen-4.5', ['720p'], [5, 10]],
  ['runway', 'runway-gen-4.5', ['720p'], range(2, 10)],
  ['runway', 'runway-gen-4-turbo', ['720p'], [5, 10]],
  ['runway', 'runway-aleph-2', ['720p', '1080p'], range(2, 30)],
  ['runway', 'seedance-2.0', ['720p'], range(4, 15)],
  ['runway', 'veo-3.1', ['720p', '1080p'], [4, 6, 8]],
  ['runway', 'veo-3.1-fast', ['720p', '1080p'], [4, 6, 8]],
  ['kling', 'kling-3', ['720p', '1080p'], range(3, 15)],
  ['kling', 'kling-1.6', ['720p', '1080p'], [5, 10]],
  ['xai', 'grok-imagine-video', ['480p', '720p'], range(1, 15)],
  ['xai', 'grok-imagine-video-1.5', ['480p', '720p', '1080p'], range(1, 15)],
  ['google-vertex', 'veo-3.1', ['720p', '1080p', '2160p'], [4, 6, 8]],
  ['google-vertex', 'veo-3.1-fast', ['720p', '1080p', '2160p'], [4, 6, 8]],
  ['google-vertex', 'veo-3.1-lite', ['720p', '1080p'], [4, 6, 8]],
  ['google', 'veo-3.1-preview', ['720p', '1080p', '2160p'], [4, 6, 8]],
  ['google', 'veo-3.1-fast-preview', ['720p', '1080p', '2160p'], [4, 6, 8]],
  ['google', 'veo-3.1-lite-preview', ['720p', '1080p'], [4, 6, 8]],
];

describe('built-in catalog data', () => {
  it('should hold a card for every catalog model, and cards without offerings only for retired models', () => {
    const ids = new Set(offerings.map(([, model]) => model));
    const served = catalog.models.filter((model) => ids.has(model.id));
    expect(served.map((model) => model.id).sort()).toEqual([...ids].sort());
    const unserved = catalog.models.filter((model) => !ids.has(model.id));
    for (const model of unserved)
      expect(`${model.id}: ${model.lifecycle.status}`).toBe(`${model.id}: retired`);
  });

  it.each(offerings)(
    'should price every tier and duration %s/%s declares',
    (provider, model, tiers, durations) => {
      for (const tier of tiers) {
        for (const seconds of durations) {
          // Replicate prices Hailuo 2.3 at 1080p for 6 s clips only.
          if (model === 'hailuo-2.3' && tier === '1080p' && seconds === 10) continue;
          for (const audio of [true, false]) {
            expect(quote(catalog, { provider, model, tier, seconds, audio, at: now }).micros).toBeGreaterThan(
              0,
            );
          }
        }
      }
    },
  );

  it('should hold exactly the agreed prices, in micro-USD', () => {
    const table = catalog.prices.map(({ provider, model, asOf, unit, rates, estimated }) => ({
      key: `${provider}/${model}@${asOf}`,
      unit,
      rates,
      estimated,
    }));
    const audio = (silent: number, withAudio: number) => ({ silent, audio: withAudio });
    expect(table).toEqual([
      { key: 'openai/sora-2@2026-01-21', unit: 'per_second', rates: { '720p': 100_000 }, estimated: false },
      {
        key: 'openai/sora-2-pro@2026-01-21',
        unit: 'per_second',
        rates: { '720p': 300_000, '1080p': 500_000 },
        estimated: false,
      },
      {
        key: 'openai/sora-2-pro@2026-09-19',
        unit: 'per_second',
        rates: { '720p': 300_000, '1024p': 500_000, '1080p': 700_000 },
        estimated: false,
      },
      {
        key: 'fal/sora-2-pro@2026-03-13',
        unit: 'per_second',
        rates: { '720p': 300_000, '1080p': 500_000 },
        estimated: false,
      },
      {
        key: 'fal/veo-3.1@2026-09-24',
        unit: 'per_second',
        rates: {
          '720p': audio(200_000, 400_000),
          '1080p': audio(200_000, 400_000),
          '2160p': audio(400_000, 600_000),
        },
        estimated: false,
      },
      {
        key: 'fal/kling-3@2026-09-24',
        unit: 'per_second',
        rates: { '1080p': audio(112_000, 168_000) },
        estimated: false,
      },
      {
        key: 'fal/wan-2.7@2026-09-24',
        unit: 'per_second',
        rates: { '720p': 100_000, '1080p': 100_000 },
        estimated: true,
      },
      {
        key: 'fal/seedance-2.0@2026-09-24',
        unit: 'per_second',
        rates: { '720p': 300_000, '1080p': 680_000 },
        estimated: true,
      },
      {
        key: 'replicate/sora-2-pro@2026-01-21',
        unit: 'per_second',
        rates: { '720p': 300_000, '1024p': 500_000 },
        estimated: false,
      },
      {
        key: 'replicate/kling-3@2026-09-24',
        unit: 'per_second',
        rates: { '720p': audio(168_000, 252_000), '1080p': audio(224_000, 336_000) },
        estimated: false,
      },
      {
        key: 'replicate/wan-2.7@2026-09-24',
        unit: 'per_second',
        rates: { '720p': 100_000, '1080p': 100_000 },
        estimated: false,
      },
      {
        key: 'replicate/seedance-2.0-fast@2026-09-24',
        unit: 'per_second',
        rates: { '480p': 70_000, '720p': 150_000 },
        estimated: false,
      },
      {
        key: 'replicate/hailuo-2.3@2026-09-24',
        unit: 'per_video',
        rates: { '768p': { '6': 280_000, '10': 560_000 }, '1080p': { '6': 490_000 } },
        estimated: false,
      },
      {
        key: 'replicate/luma-ray-2@2026-09-24',
        unit: 'per_second',
        rates: { '720p': 180_000 },
        estimated: false,
      },
      {
        key: 'replicate/runway-gen-4.5@2026-09-24',
        unit: 'per_second',
        rates: { '720p': 120_000 },
        estimated: false,
      },
      {
        key: 'runway/runway-gen-4.5@2026-12-04',
        unit: 'per_second',
        rates: { '720p': 120_000 },
        estimated: false,
      },
      {
        key: 'runway/runway-gen-4-turbo@2026-12-04',
        unit: 'per_second',
        rates: { '720p': 50_000 },
        estimated: false,
      },
      {
        key: 'runway/runway-aleph-2@2026-06-02',
        unit: 'per_second',
        rates: { '720p': 150_000, '1080p': 150_000 },
        estimated: true,
      },
      {
        key: 'runway/seedance-2.0@2026-04-15',
        unit: 'per_second',
        rates: { '720p': 360_000 },
        estimated: false,
      },
      {
        key: 'runway/veo-3.1@2026-12-04',
        unit: 'per_second',
        rates: { '720p': audio(200_000, 400_000), '1080p': audio(200_000, 400_000) },
        estimated: false,
      },
      {
        key: 'runway/veo-3.1-fast@2026-12-04',
        unit: 'per_second',
        rates: { '720p': audio(100_000, 150_000), '1080p': audio(100_000, 150_000) },
        estimated: false,
      },
      {
        key: 'kling/kling-3@2026-12-04',
        unit: 'per_second',
        rates: { '720p': 84_000, '1080p': 112_000 },
        estimated: true,
      },
      {
        key: 'kling/kling-1.6@2026-12-04',
        unit: 'per_second',
        rates: { '720p': 28_000, '1080p': 98_000 },
        estimated: true,
      },
      {
        key: 'xai/grok-imagine-video@2026-12-04',
        unit: 'per_second',
        rates: { '480p': 50_000, '720p': 70_000 },
        estimated: false,
      },
      {
        key: 'xai/grok-imagine-video-1.5@2026-12-04',
        unit: 'per_second',
        rates: { '480p': 80_000, '720p': 140_000, '1080p': 250_000 },
        estimated: false,
      },
      {
        key: 'google-vertex/veo-3.1@2026-12-04',
        unit: 'per_second',
        rates: {
          '720p': audio(200_000, 400_000),
          '1080p': audio(200_000, 400_000),
          '2160p': audio(400_000, 600_000),
        },
        estimated: true,
      },
      {
        key: 'google-vertex/veo-3.1-fast@2026-12-04',
        unit: 'per_second',
        rates: { '720p': 100_000, '1080p': 120_000, '2160p': 300_000 },
        estimated: false,
      },
      {
        key: 'google-vertex/veo-3.1-lite@2026-12-04',
        unit: 'per_second',
        rates: { '720p': 50_000, '1080p': 80_000 },
        estimated: false,
      },
      {
        key: 'google/veo-3.1-preview@2026-04-09',
        unit: 'per_second',
        rates: { '720p': 400_000, '1080p': 400_000, '2160p': 600_000 },
        estimated: false,
      },
      {
        key: 'google/veo-3.1-fast-preview@2026-04-09',
        unit: 'per_second',
        rates: { '720p': 100_000, '1080p': 120_000, '2160p': 300_000 },
        estimated: false,
      },
      {
        key: 'google/veo-3.1-lite-preview@2026-04-09',
        unit: 'per_second',
        rates: { '720p': 50_000, '1080p': 80_000 },
        estimated: false,
      },
    ]);
  });

  it('should mark exactly the approximations as estimated', () => {
    const estimated = catalog.prices.filter((entry) => entry.estimated);
    expect(estimated.map((entry) => `${entry.provider}/${entry.model}`).sort()).toEqual([
      'fal/seedance-2.0',
      'fal/wan-2.7',
      'google-vertex/veo-3.1',
      'kling/kling-1.6',
      'kling/kling-3',
      'runway/runway-aleph-2',
    ]);
    for (const entry of estimated) expect(entry.note).toBeTruthy();
  });

  describe('no $0 quote, ever', () => {
    const tiers = [
      ...new Set([
        ...catalog.prices.flatMap((entry) => Object.keys(entry.rates)),
        '360p',
        '540p',
        '4K',
        '1MP',
      ]),
    ] as ResolutionTier[];
    const durations = [0.0001, 0.001, 0.5, 1, 1.5, ...range(2, 20), 7.25, 30, 60, 600];

    it.each(
      catalog.prices.map(
        (entry, index) => [`${entry.provider}/${entry.model}@${entry.asOf}`, index] as const,
      ),
    )('should quote %s above $0 wherever it quotes at all', (_name, index) => {
      const entry = catalog.prices[index]!;
      const at = entry.asOf;
      let quoted = 0;
      const quotedTiers = new Set<string>();
      for (const tier of tiers) {
        for (const audio of [true, false]) {
          for (const seconds of durations) {
            for (const n of [1, 3]) {
              const request = { provider: entry.provider, model: entry.model, tier, seconds, audio, n, at };
              let result: ReturnType<typeof quote>;
              try {
                result = quote(catalog, request);
              } catch (error) {
                expect(NoPriceError.isInstance(error), `${JSON.stringify(request)}: ${String(error)}`).toBe(
                  true,
                );
                continue;
              }
              quoted += 1;
              quotedTiers.add(tier);
              expect(Number.isSafeInteger(result.micros)).toBe(true);
              expect(result.micros).toBeGreaterThan(0);
              expect(result.perUnitMicros).toBeGreaterThan(0);
              expect(formatUsd(result.micros)).not.toBe('$0.00');
              expect(result.asOf).toBe(entry.asOf);

              const final = cost(catalog, { ...request, actualSeconds: seconds, seconds });
              expect(final.micros).toBeGreaterThan(0);
            }
          }
        }
      }
      expect(quoted).toBeGreaterThan(0);
      expect([...quotedTiers].sort()).toEqual(Object.keys(entry.rates).sort());
    });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
