import type { VideoWarning } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import {
  capabilityChips,
  formatRate,
  formatRelativeTime,
  formatUsd,
  formatValue,
  lifecycleText,
  microsToUsd,
  progressText,
  warningText,
} from './format';
import { fixtureModel } from './test-fixtures';

describe('money', () => {
  it.each([
    [4_000_000, '4.00'],
    [300_000, '0.30'],
    [112_000, '0.112'],
    [2_412_001, '2.412001'],
    [1, '0.000001'],
    [0, '0.00'],
  ])('microsToUsd(%i) = %s', (micros, usd) => {
    expect(microsToUsd(micros)).toBe(usd);
  });

  it.each([
    ['0.80', '$0.80'],
    ['-1.50', '-$1.50'],
    ['1.008', '$1.01'],
    ['1.005', '$1.01'],
    ['0.004999', '$0.00'],
    ['2.412001', '$2.41'],
    ['12', '$12.00'],
  ])('formatUsd(%s) = %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });

  it.each([
    [100_000, 'per_second', '$0.10/s'],
    [280_000, 'per_video', '$0.28/video'],
    [112_000, 'per_second', '$0.112/s'],
  ])('formatRate(%i, %s) = %s', (micros, unit, text) => {
    expect(formatRate(micros, unit)).toBe(text);
  });
});

describe('progressText', () => {
  it.each([
    ['queued', 0, undefined, 'Queued'],
    ['in_progress', 42.4, undefined, 'In progress: 42 %'],
    ['completed', 100, undefined, 'Completed'],
    ['failed', 10, 'upstream refused', 'Failed: upstream refused'],
    ['failed', 10, null, 'Failed'],
  ] as const)('%s %d → %s', (status, progress, error, text) => {
    expect(progressText(status, progress, error)).toBe(text);
  });
});

describe('formatRelativeTime', () => {
  const now = Date.UTC(2026, 9, 1, 12, 0, 0);
  const at = (secondsAgo: number) => Math.floor(now / 1000) - secondsAgo;
  it.each([
    [10, 'just now'],
    [300, '5 min ago'],
    [7200, '2 h ago'],
    [3 * 86_400, '2026-09-28'],
  ])('%i s ago → %s', (secondsAgo, text) => {
    expect(formatRelativeTime(at(secondsAgo), now)).toBe(text);
  });
});

describe('formatValue', () => {
  it.each([
    [null, '—'],
    ['16:9', '16:9'],
    [8, '8'],
    [{ aspect_ratio: '16:9' }, '{"aspect_ratio":"16:9"}'],
    ['x'.repeat(100), `${'x'.repeat(60)}…`],
  ])('%j → %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('warningText', () => {
  it.each<[VideoWarning, string]>([
    [{ type: 'deprecated', setting: 'model', message: 'sora-2 is retired.' }, 'sora-2 is retired.'],
    [
      { type: 'compatibility', feature: 'seconds', details: '7 s is not offered; sending 8 s' },
      'seconds: 7 s is not offered; sending 8 s',
    ],
    [{ type: 'unsupported', feature: 'seed' }, 'seed is not supported'],
  ])('%j', (warning, text) => {
    expect(warningText(warning)).toBe(text);
  });
});

describe('model cards', () => {
  it.each([
    ['veo-3.1', 'active', undefined],
    [
      'sora-2-pro',
      'retired',
      'Retired on 2026-09-24; still routed while providers serve it. Consider veo-3.1 or kling-3.',
    ],
  ])('lifecycle of %s', (id, badge, sentence) => {
    expect(lifecycleText(fixtureModel(id))).toEqual({ badge, sentence });
  });

  it('says when a deprecated model retires', () => {
    const card = fixtureModel('sora-2');
    const deprecated = { ...card, lifecycle: { ...card.lifecycle, status: 'deprecated' as const } };
    expect(lifecycleText(deprecated).sentence).toBe(
      'Deprecated since 2026-03-24, retires 2026-09-24. Consider veo-3.1 or kling-3.',
    );
  });

  it.each([
    ['veo-3.1', ['text→video', 'image→video', 'up to 8 s', '720p–2160p', 'audio']],
    ['hailuo-2.3', ['text→video', 'image→video', 'up to 10 s', '768p–1080p']],
    ['sora-2-pro', ['text→video', 'image→video', 'up to 20 s', '720p–1080p', 'audio']],
  ])('capability chips of %s', (id, chips) => {
    expect(capabilityChips(fixtureModel(id))).toEqual(chips);
  });
});
