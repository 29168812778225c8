import { describe, expect, it } from 'vitest';
import { lifecycleOf } from './lifecycle-of';
import { loadCatalog } from './load-catalog';

const catalog = loadCatalog();

describe('lifecycleOf', () => {
  it.each(['sora-2', 'sora-2-pro'])(
    'should report %s as retired, with dates and live successors',
    (model) => {
      expect(lifecycleOf(catalog, model)).toMatchObject({
        status: 'retired',
        deprecatedAt: '2026-03-24',
        retiredAt: '2026-09-24',
        successors: ['veo-3.1', 'kling-3'],
      });
      for (const successor of lifecycleOf(catalog, model)?.successors ?? []) {
        expect(lifecycleOf(catalog, successor)?.status).toBe('active');
      }
    },
  );

  it.each([
    'veo-3.1',
    'kling-3',
    'wan-2.7',
    'seedance-2.0',
    'seedance-2.0-fast',
    'hailuo-2.3',
    'luma-ray-2',
    'runway-gen-4.5',
  ])('should report %s as active', (model) => {
    expect(lifecycleOf(catalog, model)).toEqual({ status: 'active', successors: [] });
  });

  it('should return undefined for a model without a card', () => {
    expect(lifecycleOf(catalog, 'no-such-model')).toBeUndefined();
  });
});
