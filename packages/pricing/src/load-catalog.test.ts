import { describe, expect, it } from 'vitest';
import type { CatalogOverrides } from './catalog-schema';
import { CatalogValidationError } from './errors/catalog-validation-error';
import { NoPriceError } from './errors/no-price-error';
import { lifecycleOf } from './lifecycle-of';
import { loadCatalog } from './load-catalog';
import { quote } from './quote';

const falSoraPro = { provider: 'fal', model: 'sora-2-pro', seconds: 8, audio: true } as const;

describe('loadCatalog', () => {
  it('should load the built-in catalog', () => {
    const catalog = loadCatalog();
    expect(catalog.models.length).toBeGreaterThan(0);
    expect(catalog.prices.length).toBeGreaterThan(0);
  });

  it('should return a frozen catalog', () => {
    const catalog = loadCatalog();
    expect(Object.isFrozen(catalog.prices)).toBe(true);
    expect(Object.isFrozen(catalog.prices[0]?.rates)).toBe(true);
    expect(() => {
      (catalog.models as unknown[]).push({});
    }).toThrow(TypeError);
  });

  describe('overrides', () => {
    it('should apply a later price from its date on, keeping the earlier one before', () => {
      const catalog = loadCatalog({
        prices: [
          {
            provider: 'fal',
            model: 'sora-2-pro',
            asOf: '2026-12-01',
            source: 'operator contract',
            unit: 'per_second',
            rates: { '720p': 250_000, '1080p': 600_000 },
          },
        ],
      });
      expect(quote(catalog, { ...falSoraPro, tier: '1080p', at: '2026-12-02' }).micros).toBe(4_800_000);
      expect(quote(catalog, { ...falSoraPro, tier: '1080p', at: '2026-11-30' }).micros).toBe(4_000_000);
    });

    it('should replace a built-in entry with the same provider, model and asOf', () => {
      const catalog = loadCatalog({
        prices: [
          {
            provider: 'fal',
            model: 'sora-2-pro',
            asOf: '2026-03-13',
            source: 'operator contract',
            unit: 'per_second',
            rates: { '720p': 250_000 },
          },
        ],
      });
      expect(quote(catalog, { ...falSoraPro, tier: '720p', at: '2026-11-01' })).toMatchObject({
        micros: 2_000_000,
        source: 'operator contract',
      });
      expect(() => quote(catalog, { ...falSoraPro, tier: '1080p', at: '2026-11-01' })).toThrow(NoPriceError);
    });

    it('should change a lifecycle without touching other catalogs', () => {
      const catalog = loadCatalog({ lifecycle: { 'sora-2-pro': { status: 'active' } } });
      expect(lifecycleOf(catalog, 'sora-2-pro')).toEqual({ status: 'active', successors: [] });
      expect(lifecycleOf(loadCatalog(), 'sora-2-pro')?.status).toBe('retired');
    });

    it('should add a model with its price, and replace a card with the same id', () => {
      const catalog = loadCatalog({
        models: [
          { id: 'my-model', name: 'My Model', creator: 'me', family: 'mine', tags: ['text-to-video'] },
          {
            id: 'luma-ray-2',
            name: 'Ray 2 (renamed)',
            creator: 'luma',
            family: 'ray',
            lifecycle: { status: 'deprecated', deprecatedAt: '2026-11-01', successors: ['veo-3.1'] },
          },
        ],
        prices: [
          {
            provider: 'replicate',
            model: 'my-model',
            asOf: '2026-10-01',
            source: 'my own deployment',
            unit: 'per_video',
            rates: { '720p': { '5': { silent: 50_000, audio: 80_000 } } },
          },
        ],
      });
      expect(catalog.models.find((model) => model.id === 'luma-ray-2')?.name).toBe('Ray 2 (renamed)');
      expect(lifecycleOf(catalog, 'luma-ray-2')?.successors).toEqual(['veo-3.1']);
      expect(lifecycleOf(catalog, 'my-model')).toEqual({ status: 'active', successors: [] });
      const base = {
        provider: 'replicate',
        model: 'my-model',
        tier: '720p',
        seconds: 5,
        at: '2026-11-01',
      } as const;
      expect(quote(catalog, { ...base, audio: true }).micros).toBe(80_000);
      expect(quote(catalog, { ...base, audio: false }).micros).toBe(50_000);
    });

    const price = {
      provider: 'fal',
      model: 'sora-2-pro',
      asOf: '2026-12-01',
      source: 'test',
      unit: 'per_second',
      rates: { '720p': 300_000 },
    };

    it.each<[string, unknown, string, RegExp]>([
      [
        'a zero price',
        { prices: [{ ...price, rates: { '720p': 0 } }] },
        'overrides.prices[0].rates.720p',
        /zero/,
      ],
      [
        'a negative price',
        { prices: [{ ...price, rates: { '720p': -1 } }] },
        'overrides.prices[0].rates.720p',
        /zero/,
      ],
      [
        'a price written in USD instead of micro-USD',
        { prices: [{ ...price, rates: { '720p': 0.3 } }] },
        'overrides.prices[0].rates.720p',
        /whole number of micro-USD/,
      ],
      [
        'a zero audio rate',
        { prices: [{ ...price, rates: { '720p': { silent: 1, audio: 0 } } }] },
        'overrides.prices[0].rates.720p.audio',
        /zero/,
      ],
      [
        'a zero per-video price',
        { prices: [{ ...price, unit: 'per_video', rates: { '768p': { '6': 0 } } }] },
        'overrides.prices[0].rates.768p.6',
        /zero/,
      ],
      [
        'a rate that is text',
        { prices: [{ ...price, rates: { '720p': '0.30' } }] },
        'overrides.prices[0].rates.720p',
        /micro-USD/,
      ],
      [
        'a snake_case as_of',
        { prices: [{ ...price, as_of: '2026-12-01' }] },
        'overrides.prices[0]',
        /'as_of'/,
      ],
      [
        'a tier that is not a tier',
        { prices: [{ ...price, rates: { hd: 1 } }] },
        'overrides.prices[0].rates.hd',
        /tier/,
      ],
      [
        'an impossible date',
        { prices: [{ ...price, asOf: '2026-02-30' }] },
        'overrides.prices[0].asOf',
        /calendar/,
      ],
      ['no rates', { prices: [{ ...price, rates: {} }] }, 'overrides.prices[0].rates', /at least one tier/],
      [
        'a fractional per-video length',
        { prices: [{ ...price, unit: 'per_video', rates: { '768p': { '6.5': 1 } } }] },
        'overrides.prices[0].rates.768p.6.5',
        /whole number of seconds/,
      ],
      [
        'an unknown unit',
        { prices: [{ ...price, unit: 'per_minute' }] },
        'overrides.prices[0].unit',
        /per_second/,
      ],
      ['no source', { prices: [{ ...price, source: ' ' }] }, 'overrides.prices[0].source', /where the price/],
      [
        'an estimate without a note',
        { prices: [{ ...price, estimated: true }] },
        'overrides.prices[0].note',
        /note/,
      ],
      [
        'a price for an unknown model',
        { prices: [{ ...price, model: 'nope' }] },
        'overrides.prices[0].model',
        /nope/,
      ],
      [
        'the same price twice',
        { prices: [price, { ...price, rates: { '720p': 1 } }] },
        'overrides.prices[1].asOf',
        /twice/,
      ],
      [
        'a lifecycle for an unknown model',
        { lifecycle: { nope: { status: 'active' } } },
        'overrides.lifecycle.nope',
        /nope/,
      ],
      [
        'an unknown lifecycle status',
        { lifecycle: { 'sora-2-pro': { status: 'sunset' } } },
        'overrides.lifecycle.sora-2-pro.status',
        /./,
      ],
      [
        'an unknown successor',
        { lifecycle: { 'sora-2-pro': { status: 'retired', successors: ['sora-3'] } } },
        'overrides.lifecycle.sora-2-pro.successors[0]',
        /sora-3/,
      ],
      [
        'a model succeeding itself',
        { lifecycle: { 'veo-3.1': { status: 'deprecated', successors: ['veo-3.1'] } } },
        'overrides.lifecycle.veo-3.1.successors[0]',
        /itself/,
      ],
      [
        'a model card without a name',
        { models: [{ id: 'x', creator: 'me', family: 'x' }] },
        'overrides.models[0].name',
        /./,
      ],
      [
        'a model card listed twice',
        {
          models: [
            { id: 'x', name: 'X', creator: 'me', family: 'x' },
            { id: 'x', name: 'X2', creator: 'me', family: 'x' },
          ],
        },
        'overrides.models[1].id',
        /twice/,
      ],
      ['an unknown top-level field', { price: [] }, 'overrides', /'price'/],
    ])('should refuse %s, naming its path', (_name, overrides, path, message) => {
      const error = captureError(() => loadCatalog(overrides as CatalogOverrides));
      expect(CatalogValidationError.isInstance(error)).toBe(true);
      if (!CatalogValidationError.isInstance(error)) return;
      expect(error).toMatchObject({ status: 500, code: 'invalid_catalog' });
      const issue = error.issues.find((candidate) => candidate.path === path);
      expect(issue, `issues: ${JSON.stringify(error.issues)}`).toBeDefined();
      expect(issue?.message).toMatch(message);
      expect(error.message).toContain(path);
    });
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
