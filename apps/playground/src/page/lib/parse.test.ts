import type { VideoObject as Video } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import {
  parseDryRun,
  parseModelCard,
  parseModelList,
  parseVideo,
  UnexpectedResponseError,
  videoCost,
} from './parse';
import { fixtureModels } from './test-fixtures';

describe('parseModelList', () => {
  it('reads every model of a real gateway answer', () => {
    expect(fixtureModels.map((card) => card.id)).toEqual([
      'hailuo-2.3',
      'kling-3',
      'luma-ray-2',
      'runway-gen-4.5',
      'seedance-2.0',
      'seedance-2.0-fast',
      'sora-2',
      'sora-2-pro',
      'veo-3.1',
      'wan-2.7',
    ]);
    expect(fixtureModels.every((card) => card.providers.length > 0)).toBe(true);
  });

  it.each([null, 'models', { object: 'list' }, { data: 'nope' }])('rejects %j with a clear error', (json) => {
    expect(() => parseModelList(json)).toThrow(UnexpectedResponseError);
  });

  it('fills defaults for missing fields and skips providers it cannot read', () => {
    const card = parseModelCard({
      id: 'mystery',
      providers: [
        { provider: 'x' },
        {
          provider: 'y',
          capabilities: {
            modes: ['text-to-video', 'sideways'],
            size: { kind: 'grid' },
            duration: { values: [5] },
          },
        },
      ],
    });
    expect(card).toEqual({
      id: 'mystery',
      name: 'mystery',
      owned_by: '',
      family: null,
      tags: [],
      modes: [],
      max_duration_seconds: 0,
      lifecycle: { status: 'active', deprecated_at: null, retired_at: null, successors: [], note: null },
      price: null,
      providers: [
        {
          provider: 'y',
          id: 'y',
          price: null,
          capabilities: {
            modes: ['text-to-video'],
            size: {
              kind: 'grid',
              aspectRatios: [],
              tiers: [],
              default: { aspectRatio: '16:9', tier: '720p' },
            },
            duration: { values: [5], default: 5 },
            audio: undefined,
            image: undefined,
          },
        },
      ],
    });
  });
});

describe('parseDryRun and parseVideo', () => {
  it.each([{}, { object: 'video' }, { object: 'video.dry_run' }])('reject %j', (json) => {
    expect(() => parseDryRun(json)).toThrow(UnexpectedResponseError);
  });

  it('rejects a non-video', () => {
    expect(() => parseVideo({ object: 'list', id: 'x' })).toThrow(UnexpectedResponseError);
  });
});

describe('videoCost', () => {
  const video = (metadata: Record<string, unknown>) => ({ metadata }) as unknown as Video;
  it.each([
    [
      { cost: { usd: '0.40', micros: 400_000 }, cost_estimate: { usd: '0.50', micros: 500_000 } },
      { usd: '0.40', final: true },
    ],
    [
      { cost: null, cost_estimate: { usd: '0.50', micros: 500_000 } },
      { usd: '0.50', final: false },
    ],
    [{ cost: null, cost_estimate: null }, undefined],
  ])('%j', (metadata, cost) => {
    expect(videoCost(video(metadata))).toEqual(cost);
  });
});
