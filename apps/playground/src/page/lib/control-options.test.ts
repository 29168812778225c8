import { describe, expect, it } from 'vitest';
import { controlOptions, providersFor } from './control-options';
import { fixtureModel } from './test-fixtures';

describe('controlOptions', () => {
  it.each([
    {
      model: 'sora-2-pro',
      provider: 'auto',
      aspectRatios: ['16:9', '9:16'],
      resolutions: ['720p', '1024p', '1080p'],
      sizes: ['1280x720', '720x1280', '1792x1024', '1024x1792', '1920x1080', '1080x1920'],
      durations: [4, 8, 12, 16, 20],
      audio: 'always',
    },
    {
      model: 'sora-2-pro',
      provider: 'fal',
      aspectRatios: ['16:9', '9:16'],
      resolutions: ['720p', '1080p'],
      sizes: [],
      durations: [4, 8, 12, 16, 20],
      audio: 'always',
    },
    {
      model: 'sora-2-pro',
      provider: 'replicate',
      aspectRatios: ['16:9', '9:16'],
      resolutions: ['720p', '1024p'],
      sizes: ['1280x720', '720x1280', '1792x1024', '1024x1792'],
      durations: [4, 8, 12, 16, 20],
      audio: 'always',
    },
    {
      model: 'veo-3.1',
      provider: 'auto',
      aspectRatios: ['16:9', '9:16'],
      resolutions: ['720p', '1080p', '2160p'],
      sizes: [],
      durations: [4, 6, 8],
      audio: 'optional',
    },
    {
      model: 'luma-ray-2',
      provider: 'auto',
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      resolutions: ['720p'],
      sizes: [],
      durations: [5, 9],
      audio: 'never',
    },
    {
      model: 'hailuo-2.3',
      provider: 'auto',
      aspectRatios: ['16:9'],
      resolutions: ['768p', '1080p'],
      sizes: [],
      durations: [6, 10],
      audio: 'never',
    },
  ])('$model via $provider offers only what it supports (sizes by tier, landscape first)', (row) => {
    const options = controlOptions(fixtureModel(row.model), row.provider, 'text-to-video');
    expect(options.aspectRatios).toEqual(row.aspectRatios);
    expect(options.resolutions).toEqual(row.resolutions);
    expect(options.sizes.map((size) => size.value)).toEqual(row.sizes);
    expect(options.durations).toEqual(row.durations);
    expect(options.audio).toBe(row.audio);
  });

  it('leaves out providers that cannot do the mode: wan-2.7 image-to-video is fal only', () => {
    const card = fixtureModel('wan-2.7');
    expect(controlOptions(card, 'auto', 'text-to-video').aspectRatios).toEqual([
      '16:9',
      '4:3',
      '1:1',
      '3:4',
      '9:16',
    ]);
    expect(providersFor(card, 'image-to-video').map((provider) => provider.provider)).toEqual(['fal']);
    expect(providersFor(card, 'text-to-video').map((provider) => provider.provider)).toEqual([
      'fal',
      'replicate',
    ]);
  });

  it('labels list sizes with their tier and orientation, and maps 1792x1024 to 16:9', () => {
    const sizes = controlOptions(fixtureModel('sora-2-pro'), 'openai', 'text-to-video').sizes;
    expect(sizes.find((size) => size.value === '1792x1024')).toEqual({
      value: '1792x1024',
      label: '1792×1024 (1024p landscape)',
      tier: '1024p',
      aspectRatio: '16:9',
    });
  });

  it.each([
    { model: 'veo-3.1', provider: 'auto', duration: 8, ratio: '16:9', tier: '720p', audioDefault: true },
    {
      model: 'kling-3',
      provider: 'replicate',
      duration: 5,
      ratio: '16:9',
      tier: '720p',
      audioDefault: false,
    },
    { model: 'kling-3', provider: 'fal', duration: 5, ratio: '16:9', tier: '1080p', audioDefault: true },
    { model: 'sora-2', provider: 'auto', duration: 4, ratio: '9:16', tier: '720p', audioDefault: true },
  ])('the defaults of $model via $provider come from the first capable provider', (row) => {
    const options = controlOptions(fixtureModel(row.model), row.provider, 'text-to-video');
    expect(options.defaultDuration).toBe(row.duration);
    expect(options.defaultAspectRatio).toBe(row.ratio);
    expect(options.defaultResolution).toBe(row.tier);
    expect(options.audioDefault).toBe(row.audioDefault);
  });

  it('falls back to every provider when a pinned provider is unknown', () => {
    const pinned = controlOptions(fixtureModel('kling-3'), 'nobody', 'text-to-video');
    expect(pinned.resolutions).toEqual(['720p', '1080p']);
    expect(pinned.modes).toEqual(['text-to-video', 'image-to-video']);
  });
});
