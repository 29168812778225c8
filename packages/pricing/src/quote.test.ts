import { InvalidRequestError, ReelayError, type ResolutionTier } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { NoPriceError } from './errors/no-price-error';
import { loadCatalog } from './load-catalog';
import { type QuoteRequest, quote } from './quote';

const catalog = loadCatalog();
const later = '2026-11-01';

describe('quote', () => {
  it.each<[string, QuoteRequest, { micros: number; usd: string; perUnitMicros: number; asOf: string }]>([
    [
      'fal sora-2-pro 1080p 8 s',
      { provider: 'fal', model: 'sora-2-pro', tier: '1080p', seconds: 8, audio: true, at: later },
      { micros: 4_000_000, usd: '4.00', perUnitMicros: 500_000, asOf: '2026-03-13' },
    ],
    [
      'replicate sora-2-pro 720p 8 s',
      { provider: 'replicate', model: 'sora-2-pro', tier: '720p', seconds: 8, audio: true, at: later },
      { micros: 2_400_000, usd: '2.40', perUnitMicros: 300_000, asOf: '2026-01-21' },
    ],
    [
      'replicate sora-2-pro 1024p (high) 4 s',
      { provider: 'replicate', model: 'sora-2-pro', tier: '1024p', seconds: 4, audio: true, at: later },
      { micros: 2_000_000, usd: '2.00', perUnitMicros: 500_000, asOf: '2026-01-21' },
    ],
    [
      'openai sora-2-pro 1080p 8 s on the seed price',
      { provider: 'openai', model: 'sora-2-pro', tier: '1080p', seconds: 8, audio: true, at: '2026-02-01' },
      { micros: 4_000_000, usd: '4.00', perUnitMicros: 500_000, asOf: '2026-01-21' },
    ],
    [
      'openai sora-2-pro 1080p 8 s on the later price',
      { provider: 'openai', model: 'sora-2-pro', tier: '1080p', seconds: 8, audio: true, at: '2026-11-01' },
      { micros: 5_600_000, usd: '5.60', perUnitMicros: 700_000, asOf: '2026-09-19' },
    ],
    [
      'openai sora-2-pro the last second before the later price',
      {
        provider: 'openai',
        model: 'sora-2-pro',
        tier: '1080p',
        seconds: 8,
        audio: true,
        at: new Date('2026-09-18T23:59:59Z'),
      },
      { micros: 4_000_000, usd: '4.00', perUnitMicros: 500_000, asOf: '2026-01-21' },
    ],
    [
      'openai sora-2-pro from the first instant of the later price',
      {
        provider: 'openai',
        model: 'sora-2-pro',
        tier: '1080p',
        seconds: 8,
        audio: true,
        at: new Date('2026-09-19T00:00:00Z'),
      },
      { micros: 5_600_000, usd: '5.60', perUnitMicros: 700_000, asOf: '2026-09-19' },
    ],
    [
      'openai sora-2-pro 1024p exists only on the later price',
      { provider: 'openai', model: 'sora-2-pro', tier: '1024p', seconds: 12, audio: true, at: later },
      { micros: 6_000_000, usd: '6.00', perUnitMicros: 500_000, asOf: '2026-09-19' },
    ],
    [
      'openai sora-2 720p 12 s',
      { provider: 'openai', model: 'sora-2', tier: '720p', seconds: 12, audio: true, at: later },
      { micros: 1_200_000, usd: '1.20', perUnitMicros: 100_000, asOf: '2026-01-21' },
    ],
    [
      'fal veo-3.1 720p 8 s with audio',
      { provider: 'fal', model: 'veo-3.1', tier: '720p', seconds: 8, audio: true, at: later },
      { micros: 3_200_000, usd: '3.20', perUnitMicros: 400_000, asOf: '2026-09-24' },
    ],
    [
      'fal veo-3.1 720p 8 s silent',
      { provider: 'fal', model: 'veo-3.1', tier: '720p', seconds: 8, audio: false, at: later },
      { micros: 1_600_000, usd: '1.60', perUnitMicros: 200_000, asOf: '2026-09-24' },
    ],
    [
      'fal veo-3.1 2160p 8 s with audio',
      { provider: 'fal', model: 'veo-3.1', tier: '2160p', seconds: 8, audio: true, at: later },
      { micros: 4_800_000, usd: '4.80', perUnitMicros: 600_000, asOf: '2026-09-24' },
    ],
    [
      'fal veo-3.1 2160p 4 s silent',
      { provider: 'fal', model: 'veo-3.1', tier: '2160p', seconds: 4, audio: false, at: later },
      { micros: 1_600_000, usd: '1.60', perUnitMicros: 400_000, asOf: '2026-09-24' },
    ],
    [
      'fal kling-3 1080p 5 s with audio',
      { provider: 'fal', model: 'kling-3', tier: '1080p', seconds: 5, audio: true, at: later },
      { micros: 840_000, usd: '0.84', perUnitMicros: 168_000, asOf: '2026-09-24' },
    ],
    [
      'fal kling-3 1080p 3 s silent',
      { provider: 'fal', model: 'kling-3', tier: '1080p', seconds: 3, audio: false, at: later },
      { micros: 336_000, usd: '0.336', perUnitMicros: 112_000, asOf: '2026-09-24' },
    ],
    [
      'replicate kling-3 720p 10 s with audio',
      { provider: 'replicate', model: 'kling-3', tier: '720p', seconds: 10, audio: true, at: later },
      { micros: 2_520_000, usd: '2.52', perUnitMicros: 252_000, asOf: '2026-09-24' },
    ],
    [
      'replicate kling-3 1080p 10 s silent',
      { provider: 'replicate', model: 'kling-3', tier: '1080p', seconds: 10, audio: false, at: later },
      { micros: 2_240_000, usd: '2.24', perUnitMicros: 224_000, asOf: '2026-09-24' },
    ],
    [
      'replicate wan-2.7 1080p 5 s',
      { provider: 'replicate', model: 'wan-2.7', tier: '1080p', seconds: 5, audio: false, at: later },
      { micros: 500_000, usd: '0.50', perUnitMicros: 100_000, asOf: '2026-09-24' },
    ],
    [
      'replicate seedance-2.0-fast 480p 4 s',
      {
        provider: 'replicate',
        model: 'seedance-2.0-fast',
        tier: '480p',
        seconds: 4,
        audio: false,
        at: later,
      },
      { micros: 280_000, usd: '0.28', perUnitMicros: 70_000, asOf: '2026-09-24' },
    ],
    [
      'replicate seedance-2.0-fast 720p 15 s',
      {
        provider: 'replicate',
        model: 'seedance-2.0-fast',
        tier: '720p',
        seconds: 15,
        audio: false,
        at: later,
      },
      { micros: 2_250_000, usd: '2.25', perUnitMicros: 150_000, asOf: '2026-09-24' },
    ],
    [
      'replicate luma-ray-2 720p 5 s',
      { provider: 'replicate', model: 'luma-ray-2', tier: '720p', seconds: 5, audio: false, at: later },
      { micros: 900_000, usd: '0.90', perUnitMicros: 180_000, asOf: '2026-09-24' },
    ],
    [
      'replicate runway-gen-4.5 720p 10 s',
      { provider: 'replicate', model: 'runway-gen-4.5', tier: '720p', seconds: 10, audio: false, at: later },
      { micros: 1_200_000, usd: '1.20', perUnitMicros: 120_000, asOf: '2026-09-24' },
    ],
    [
      'fal sora-2-pro 720p 4 s, n = 3',
      { provider: 'fal', model: 'sora-2-pro', tier: '720p', seconds: 4, audio: true, n: 3, at: later },
      { micros: 3_600_000, usd: '3.60', perUnitMicros: 300_000, asOf: '2026-03-13' },
    ],
  ])('should price %s', (_name, request, expected) => {
    expect(quote(catalog, request)).toMatchObject({ ...expected, unit: 'per_second', estimated: false });
  });

  it('should treat audio and silent veo-3.1 as different prices', () => {
    const base = { provider: 'fal', model: 'veo-3.1', tier: '1080p', seconds: 6, at: later } as const;
    const withAudio = quote(catalog, { ...base, audio: true });
    const silent = quote(catalog, { ...base, audio: false });
    expect(withAudio.micros).toBe(2_400_000);
    expect(silent.micros).toBe(1_200_000);
    expect(withAudio.micros).not.toBe(silent.micros);
  });

  it('should ignore audio where the price does not depend on it', () => {
    const base = { provider: 'fal', model: 'sora-2-pro', tier: '720p', seconds: 8, at: later } as const;
    expect(quote(catalog, { ...base, audio: false }).micros).toBe(
      quote(catalog, { ...base, audio: true }).micros,
    );
  });

  it.each<[string, number, number, number]>([
    ['768p', 6, 280_000, 1],
    ['768p', 10, 560_000, 1],
    ['1080p', 6, 490_000, 1],
    ['768p', 10, 1_120_000, 2],
  ])('should price hailuo-2.3 per video: %s %i s × n=%i', (tier, seconds, micros, n) => {
    const result = quote(catalog, {
      provider: 'replicate',
      model: 'hailuo-2.3',
      tier: tier as ResolutionTier,
      seconds,
      audio: false,
      n,
      at: later,
    });
    expect(result).toMatchObject({ unit: 'per_video', micros, perUnitMicros: micros / n, seconds, n });
  });

  it.each<[string, QuoteRequest, { micros: number; note: RegExp }]>([
    [
      'fal wan-2.7',
      { provider: 'fal', model: 'wan-2.7', tier: '1080p', seconds: 5, audio: false, at: later },
      { micros: 500_000, note: /publishes no price/ },
    ],
    [
      'fal seedance-2.0',
      { provider: 'fal', model: 'seedance-2.0', tier: '1080p', seconds: 5, audio: true, at: later },
      { micros: 3_400_000, note: /tokens/ },
    ],
  ])('should mark the %s price as estimated with a note', (_name, request, expected) => {
    const result = quote(catalog, request);
    expect(result.micros).toBe(expected.micros);
    expect(result.estimated).toBe(true);
    expect(result.note).toMatch(expected.note);
  });

  it('should accept any spelling of a tier', () => {
    const shouting: string = '1080P';
    const result = quote(catalog, {
      provider: 'fal',
      model: 'sora-2-pro',
      tier: shouting as ResolutionTier,
      seconds: 8,
      audio: true,
      at: later,
    });
    expect(result).toMatchObject({ micros: 4_000_000, tier: '1080p' });
  });

  it('should price at the current date when no date is given', () => {
    const request = {
      provider: 'openai',
      model: 'sora-2-pro',
      tier: '1080p',
      seconds: 8,
      audio: true,
    } as const;
    expect(quote(catalog, request)).toEqual(quote(catalog, { ...request, at: new Date() }));
  });

  it.each<[string, QuoteRequest, { param: string; priced: string[]; message: RegExp }]>([
    [
      'a tier fal does not price',
      { provider: 'fal', model: 'sora-2-pro', tier: '2160p', seconds: 8, audio: true, at: later },
      { param: 'size', priced: ['720p', '1080p'], message: /tier 2160p.*Priced: 720p, 1080p\./ },
    ],
    [
      'a tier the seed OpenAI price did not list',
      { provider: 'openai', model: 'sora-2-pro', tier: '1024p', seconds: 8, audio: true, at: '2026-02-01' },
      { param: 'size', priced: ['720p', '1080p'], message: /Priced: 720p, 1080p\./ },
    ],
    [
      'a text that is not a tier',
      { provider: 'fal', model: 'veo-3.1', tier: 'hd' as ResolutionTier, seconds: 8, audio: true, at: later },
      { param: 'size', priced: ['720p', '1080p', '2160p'], message: /'hd' is not a resolution tier/ },
    ],
    [
      'a per-video length that is not listed',
      { provider: 'replicate', model: 'hailuo-2.3', tier: '768p', seconds: 8, audio: false, at: later },
      {
        param: 'seconds',
        priced: ['768p 6s', '768p 10s', '1080p 6s'],
        message: /8s at 768p.*ask for 6s or 10s\. Priced: 768p 6s, 768p 10s, 1080p 6s\./,
      },
    ],
    [
      'a per-video length listed for another tier only',
      { provider: 'replicate', model: 'hailuo-2.3', tier: '1080p', seconds: 10, audio: false, at: later },
      { param: 'seconds', priced: ['768p 6s', '768p 10s', '1080p 6s'], message: /ask for 6s\./ },
    ],
    [
      'a fractional per-video length',
      { provider: 'replicate', model: 'hailuo-2.3', tier: '768p', seconds: 6.5, audio: false, at: later },
      { param: 'seconds', priced: ['768p 6s', '768p 10s', '1080p 6s'], message: /6\.5s/ },
    ],
    [
      'a provider that does not price the model',
      { provider: 'fal', model: 'hailuo-2.3', tier: '768p', seconds: 6, audio: false, at: later },
      { param: 'model', priced: ['replicate/hailuo-2.3'], message: /no price at provider 'fal'/ },
    ],
    [
      'an unknown provider',
      { provider: 'acme', model: 'sora-2-pro', tier: '720p', seconds: 8, audio: true, at: later },
      {
        param: 'model',
        priced: ['fal/sora-2-pro', 'openai/sora-2-pro', 'replicate/sora-2-pro'],
        message: /Priced: fal\/sora-2-pro, openai\/sora-2-pro, replicate\/sora-2-pro\./,
      },
    ],
    [
      'a date before the first price',
      { provider: 'openai', model: 'sora-2-pro', tier: '720p', seconds: 8, audio: true, at: '2025-06-01' },
      { param: 'model', priced: ['from 2026-01-21', 'from 2026-09-19'], message: /as of 2025-06-01/ },
    ],
    [
      'fal sora-2-pro before its first price',
      { provider: 'fal', model: 'sora-2-pro', tier: '720p', seconds: 8, audio: true, at: '2026-03-12' },
      { param: 'model', priced: ['from 2026-03-13'], message: /prices start later/ },
    ],
  ])('should throw NoPriceError for %s, listing what is priced', (_name, request, expected) => {
    const error = captureError(() => quote(catalog, request));
    expect(NoPriceError.isInstance(error)).toBe(true);
    expect(ReelayError.isInstance(error)).toBe(true);
    if (!NoPriceError.isInstance(error)) return;
    expect(error).toMatchObject({
      status: 400,
      code: 'no_price',
      param: expected.param,
      priced: expected.priced,
    });
    expect(error.message).toMatch(expected.message);
    expect(error.toJSON().error).toMatchObject({ type: 'invalid_request_error', code: 'no_price' });
  });

  it('should list every priced model when the model is priced nowhere', () => {
    const error = captureError(() =>
      quote(catalog, { provider: 'fal', model: 'nope-1', tier: '720p', seconds: 4, audio: false, at: later }),
    );
    expect(NoPriceError.isInstance(error) && error.priced).toContain('replicate/hailuo-2.3');
  });

  it.each<[string, Partial<QuoteRequest>, string]>([
    ['zero seconds', { seconds: 0 }, 'seconds'],
    ['negative seconds', { seconds: -4 }, 'seconds'],
    ['NaN seconds', { seconds: Number.NaN }, 'seconds'],
    ['infinite seconds', { seconds: Number.POSITIVE_INFINITY }, 'seconds'],
    ['n = 0', { n: 0 }, 'n'],
    ['fractional n', { n: 1.5 }, 'n'],
    ['an unreadable date', { at: 'yesterday-ish' }, 'at'],
  ])('should refuse %s with an InvalidRequestError', (_name, change, param) => {
    const request: QuoteRequest = {
      provider: 'fal',
      model: 'sora-2-pro',
      tier: '720p',
      seconds: 8,
      audio: true,
      at: later,
      ...change,
    };
    const error = captureError(() => quote(catalog, request));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, param });
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got none');
}
