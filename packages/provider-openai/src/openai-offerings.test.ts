import { matchRequest } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { openAIOfferings } from './openai-offerings';

const offering = (model: string) => {
  const found = openAIOfferings.find((candidate) => candidate.model === model);
  if (!found) throw new Error(model);
  return found;
};

describe('openAIOfferings', () => {
  it('declares sora-2 and sora-2-pro with their size lists and tiers', () => {
    const sizes = (model: string) => {
      const size = offering(model).capabilities.size;
      return size.kind === 'list' ? size.options.map((o) => `${o.width}x${o.height} ${o.tier}`) : [];
    };
    expect(sizes('sora-2')).toEqual(['720x1280 720p', '1280x720 720p']);
    expect(sizes('sora-2-pro')).toEqual([
      '720x1280 720p',
      '1280x720 720p',
      '1024x1792 1024p',
      '1792x1024 1024p',
      '1080x1920 1080p',
      '1920x1080 1080p',
    ]);
  });

  it.each(['sora-2', 'sora-2-pro'])(
    '%s: string seconds 4–20, audio always on, remix, three variants',
    (model) => {
      const { capabilities, upstream, providerParameters } = offering(model);
      expect(capabilities.duration).toEqual({
        field: 'seconds',
        format: 'string',
        values: [4, 8, 12, 16, 20],
        default: 4,
      });
      expect(capabilities.audio).toEqual({ field: undefined, default: true });
      expect(capabilities.image).toEqual({
        field: 'input_reference',
        accepts: ['upload', 'data-uri', 'url'],
      });
      expect(capabilities.remix).toBe(true);
      expect(capabilities.variants).toEqual(['video', 'thumbnail', 'spritesheet']);
      expect(upstream).toEqual({ 'text-to-video': model, 'image-to-video': model });
      expect(providerParameters).toEqual([]);
    },
  );

  it.each([
    ['sora-2', { size: '1920x1080' }, { size: '1280x720', seconds: '4' }, '720p'],
    ['sora-2', { aspectRatio: '9:16', seconds: 10 }, { size: '720x1280', seconds: '12' }, '720p'],
    [
      'sora-2-pro',
      { aspectRatio: '16:9', resolution: '1080p', seconds: 20 },
      { size: '1920x1080', seconds: '20' },
      '1080p',
    ],
    ['sora-2-pro', { size: '1792x1024', seconds: 8 }, { size: '1792x1024', seconds: '8' }, '1024p'],
    ['sora-2-pro', { size: '1:1' }, { size: '720x1280', seconds: '4' }, '720p'],
  ])('%s %j → %j (%s)', (model, input, body, tier) => {
    const normalized = matchRequest(offering(model), { hasImage: false, extra: {}, ...input });
    expect(normalized.body).toEqual(body);
    expect(normalized.tier).toBe(tier);
  });

  it('passes unknown parameters through untouched (OpenAI itself refuses them)', () => {
    const normalized = matchRequest(offering('sora-2'), { hasImage: false, extra: { style: 'noir' } });
    expect(normalized.body['style']).toBe('noir');
  });
});
