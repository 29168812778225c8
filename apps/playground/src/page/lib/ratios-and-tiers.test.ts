import { describe, expect, it } from 'vitest';
import { compareRatios, orientationOf, ratioOfSize } from './ratios';
import { compareTiers, tierSpan } from './tiers';

describe('ratioOfSize', () => {
  it.each([
    [1280, 720, '16:9'],
    [1792, 1024, '16:9'],
    [1024, 1792, '9:16'],
    [1366, 768, '16:9'],
    [1000, 1000, '1:1'],
    [2560, 1080, '21:9'],
    [1500, 1000, '3:2'],
  ])('%ix%i → %s', (width, height, ratio) => {
    expect(ratioOfSize(width, height)).toBe(ratio);
  });

  it('sorts widest first', () => {
    expect(['1:1', '9:16', '21:9', '16:9', '3:4', '4:3'].sort(compareRatios)).toEqual([
      '21:9',
      '16:9',
      '4:3',
      '1:1',
      '3:4',
      '9:16',
    ]);
  });

  it.each([
    [1280, 720, 'landscape'],
    [720, 1280, 'portrait'],
    [512, 512, 'square'],
  ])('%ix%i is %s', (width, height, orientation) => {
    expect(orientationOf(width, height)).toBe(orientation);
  });
});

describe('tiers', () => {
  it('orders every tier family on one scale', () => {
    expect(['4K', '1080p', '480p', '1K', '720p', '1MP', '2160p'].sort(compareTiers)).toEqual([
      '480p',
      '720p',
      '1K',
      '1MP',
      '1080p',
      '2160p',
      '4K',
    ]);
  });

  it.each([
    [['1080p', '720p'], '720p–1080p'],
    [['720p'], '720p'],
    [[], ''],
  ])('tierSpan(%j) = %s', (tiers, span) => {
    expect(tierSpan(tiers)).toBe(span);
  });
});
