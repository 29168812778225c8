import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { falOfferings } from './fal-offerings';
import { plugin, VERSION } from './index';

const offering = (model: string) => {
  const found = falOfferings.find((candidate) => candidate.model === model);
  if (!found) throw new Error(model);
  return found;
};

describe('falOfferings', () => {
  it.each([
    ['sora-2-pro', 'fal-ai/sora-2/text-to-video/pro', 'fal-ai/sora-2/image-to-video/pro'],
    ['veo-3.1', 'fal-ai/veo3.1', 'fal-ai/veo3.1/image-to-video'],
    ['kling-3', 'fal-ai/kling-video/v3/pro/text-to-video', 'fal-ai/kling-video/v3/pro/image-to-video'],
    ['wan-2.7', 'fal-ai/wan/v2.7/text-to-video', 'fal-ai/wan/v2.7/image-to-video'],
    ['seedance-2.0', 'bytedance/seedance-2.0/text-to-video', 'bytedance/seedance-2.0/image-to-video'],
  ])('%s is served on separate text and image endpoints', (model, textToVideo, imageToVideo) => {
    expect(offering(model).upstream).toEqual({
      'text-to-video': textToVideo,
      'image-to-video': imageToVideo,
    });
    expect(offering(model).capabilities.modes).toEqual(['text-to-video', 'image-to-video']);
  });

  it.each([
    ['sora-2-pro', ['16:9', '9:16'], ['720p', '1080p'], 'resolution'],
    ['veo-3.1', ['16:9', '9:16'], ['720p', '1080p', '2160p'], 'resolution'],
    ['kling-3', ['16:9', '9:16', '1:1'], ['1080p'], undefined],
    ['wan-2.7', ['16:9', '9:16', '1:1', '4:3', '3:4'], ['720p', '1080p'], 'resolution'],
    ['seedance-2.0', ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'], ['720p', '1080p'], 'resolution'],
  ])('%s declares the grid %j × %j', (model, aspectRatios, tiers, tierField) => {
    expect(offering(model).capabilities.size).toMatchObject({
      kind: 'grid',
      aspectRatios,
      tiers,
      aspectRatioField: 'aspect_ratio',
      tierField,
    });
  });

  it.each([
    ['sora-2-pro', 'string', [4, 8, 12, 16, 20]],
    ['veo-3.1', 'string-with-s', [4, 6, 8]],
    ['kling-3', 'string', [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]],
    ['wan-2.7', 'integer', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]],
    ['seedance-2.0', 'string', [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]],
  ])('%s sends duration as %s, one of %j', (model, format, values) => {
    expect(offering(model).capabilities.duration).toMatchObject({ field: 'duration', format, values });
  });

  it.each([
    ['sora-2-pro', { field: undefined, default: true }],
    ['veo-3.1', { field: 'generate_audio', default: true }],
    ['kling-3', { field: 'generate_audio', default: true }],
    ['wan-2.7', undefined],
    ['seedance-2.0', { field: 'generate_audio', default: true }],
  ])('%s audio is %j', (model, audio) => {
    expect(offering(model).capabilities.audio).toEqual(audio);
  });

  it('maps 2160p to fal’s "4k" on Veo', () => {
    expect(offering('veo-3.1').capabilities.size).toMatchObject({ tierWire: { '2160p': '4k' } });
  });

  it('takes images as URL or data URI, and only Sora has extra variants and fal-only parameters', () => {
    for (const candidate of falOfferings) {
      expect(candidate.capabilities.image?.accepts).toEqual(['url', 'data-uri']);
      expect(candidate.capabilities.remix).toBe(false);
      expect(candidate.capabilities.maxVideosPerCall).toBe(1);
    }
    expect(offering('sora-2-pro').capabilities.variants).toEqual(['video', 'thumbnail', 'spritesheet']);
    expect(offering('sora-2-pro').providerParameters).toEqual([
      'delete_video',
      'detect_and_block_ip',
      'character_ids',
    ]);
    expect(offering('veo-3.1').capabilities.variants).toEqual(['video']);
  });
});

describe('plugin', () => {
  it('validates settings strictly and creates the provider', () => {
    const settings = plugin.settingsSchema.parse({ apiKey: 'k', baseURL: 'http://127.0.0.1:9' });
    const provider = plugin.create(settings);
    expect(provider).toMatchObject({ id: 'fal', baseURL: 'http://127.0.0.1:9', specificationVersion: 'v1' });
    expect(() => plugin.settingsSchema.parse({ apikey: 'k' })).toThrow();
    expect(() => plugin.settingsSchema.parse({ baseURL: 'not a url' })).toThrow();
  });

  it('keeps VERSION equal to package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
  });
});
