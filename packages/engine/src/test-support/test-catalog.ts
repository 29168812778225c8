import { type Catalog, loadCatalog } from '@reelay/pricing';

/** The built-in catalog plus `test-model` priced at 0.10 $/s (alpha), 0.20 $/s (beta), 0.30 $/s (gamma). */
export function testCatalog(lifecycle?: 'deprecated' | 'retired'): Catalog {
  const prices = [
    ['alpha', 100_000],
    ['beta', 200_000],
    ['gamma', 300_000],
  ] as const;
  return loadCatalog({
    models: [
      {
        id: 'test-model',
        name: 'Test Model',
        creator: 'reelay',
        family: 'test',
        tags: ['text-to-video'],
        lifecycle:
          lifecycle === undefined
            ? { status: 'active', successors: [] }
            : {
                status: lifecycle,
                deprecatedAt: '2026-03-24',
                retiredAt: '2026-09-24',
                successors: ['veo-3.1'],
              },
      },
    ],
    prices: prices.map(([provider, micros]) => ({
      provider,
      model: 'test-model',
      asOf: '2026-01-01',
      source: 'test fixture',
      unit: 'per_second' as const,
      rates: { '720p': micros, '1080p': micros * 2 },
    })),
  });
}
