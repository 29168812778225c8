import { describe, expect, it } from 'vitest';
import { lifecycleHeaders } from './lifecycle-headers';

describe('lifecycleHeaders', () => {
  it('says nothing for an active model', () => {
    expect(lifecycleHeaders({ status: 'active', successors: [] })).toEqual({});
    expect(lifecycleHeaders(undefined)).toEqual({});
  });

  it('dates the deprecation, the sunset and links successors', () => {
    expect(
      lifecycleHeaders({
        status: 'deprecated',
        deprecated_at: '2026-03-24',
        retired_at: '2026-09-24',
        successors: ['veo-3.1', 'kling-3'],
      }),
    ).toEqual({
      deprecation: `@${Date.UTC(2026, 2, 24) / 1000}`,
      sunset: 'Thu, 24 Sep 2026 00:00:00 GMT',
      link: '</v1/models/veo-3.1>; rel="successor-version", </v1/models/kling-3>; rel="successor-version"',
    });
  });

  it('still marks a retired model without dates', () => {
    expect(lifecycleHeaders({ status: 'retired', successors: [] })).toEqual({ deprecation: 'true' });
  });
});
