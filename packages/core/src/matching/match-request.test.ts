import { describe, expect, it } from 'vitest';
import { UnsupportedCapabilityError } from '../errors/unsupported-capability-error';
import type { SizeCapability } from '../spec/capabilities';
import type { VideoOffering } from '../spec/offering';
import { durationRange } from './match-duration';
import { type MatchInput, matchRequest } from './match-request';

function offering(
  size: SizeCapability,
  overrides: Partial<VideoOffering['capabilities']> = {},
): VideoOffering {
  return {
    model: 'test-model',
    upstream: { 'text-to-video': 'test/t2v', 'image-to-video': 'test/i2v' },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size,
      duration: { field: 'seconds', format: 'integer', values: [4, 8, 12], default: 4 },
      audio: undefined,
      image: { field: 'image_url', accepts: ['url'] },
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
      ...overrides,
    },
    parameters: {},
    providerParameters: [],
  };
}

const input = (fields: Partial<MatchInput>): MatchInput => ({ hasImage: false, extra: {}, ...fields });

const openaiPro = offering(
  {
    kind: 'list',
    default: { width: 720, height: 1280 },
    options: [
      { width: 720, height: 1280, tier: '720p', wire: { size: '720x1280' } },
      { width: 1280, height: 720, tier: '720p', wire: { size: '1280x720' } },
      { width: 1024, height: 1792, tier: '1024p', wire: { size: '1024x1792' } },
      { width: 1792, height: 1024, tier: '1024p', wire: { size: '1792x1024' } },
      { width: 1080, height: 1920, tier: '1080p', wire: { size: '1080x1920' } },
      { width: 1920, height: 1080, tier: '1080p', wire: { size: '1920x1080' } },
    ],
  },
  { duration: { field: 'seconds', format: 'string', values: [4, 8, 12, 16, 20], default: 4 } },
);

const falSora = offering(
  {
    kind: 'grid',
    aspectRatios: ['16:9', '9:16'],
    tiers: ['720p', '1080p'],
    default: { aspectRatio: '16:9', tier: '1080p' },
    aspectRatioField: 'aspect_ratio',
    tierField: 'resolution',
  },
  { duration: { field: 'duration', format: 'string', values: [4, 8, 12, 16, 20], default: 4 } },
);

const falVeo = offering(
  {
    kind: 'grid',
    aspectRatios: ['16:9', '9:16'],
    tiers: ['720p', '1080p', '2160p'],
    default: { aspectRatio: '16:9', tier: '720p' },
    aspectRatioField: 'aspect_ratio',
    tierField: 'resolution',
    tierWire: { '2160p': '4k' },
  },
  {
    duration: { field: 'duration', format: 'string-with-s', values: [4, 6, 8], default: 8 },
    audio: { field: 'generate_audio', default: true },
  },
);

const falWan = offering(
  {
    kind: 'grid',
    aspectRatios: ['16:9', '9:16', '1:1'],
    tiers: ['720p', '1080p'],
    default: { aspectRatio: '16:9', tier: '1080p' },
    aspectRatioField: 'aspect_ratio',
    tierField: 'resolution',
  },
  { duration: { field: 'duration', format: 'integer', values: durationRange(2, 15), default: 5 } },
);

const replicateSora = offering({
  kind: 'list',
  default: { width: 720, height: 1280 },
  options: [
    { width: 720, height: 1280, tier: '720p', wire: { aspect_ratio: 'portrait', resolution: 'standard' } },
    { width: 1280, height: 720, tier: '720p', wire: { aspect_ratio: 'landscape', resolution: 'standard' } },
    { width: 1024, height: 1792, tier: '1024p', wire: { aspect_ratio: 'portrait', resolution: 'high' } },
    { width: 1792, height: 1024, tier: '1024p', wire: { aspect_ratio: 'landscape', resolution: 'high' } },
  ],
});

const squareish = offering({
  kind: 'list',
  default: { width: 1365, height: 768 },
  options: [
    { width: 1365, height: 768, tier: '1K', wire: { size: '1365x768' } },
    { width: 768, height: 1365, tier: '1K', wire: { size: '768x1365' } },
  ],
});

const panoramic = offering({
  kind: 'grid',
  aspectRatios: ['4:1', '8:1'],
  tiers: ['1K'],
  default: { aspectRatio: '4:1', tier: '1K' },
  aspectRatioField: 'aspect_ratio',
  tierField: undefined,
});

const kTiers = offering({
  kind: 'grid',
  aspectRatios: ['1:1', '16:9'],
  tiers: ['0.5K', '1K', '2K', '4K'],
  default: { aspectRatio: '1:1', tier: '1K' },
  aspectRatioField: 'aspect_ratio',
  tierField: 'image_size',
});

const megapixels = offering({
  kind: 'grid',
  aspectRatios: ['1:1', '4:3'],
  tiers: ['0.25MP', '1MP'],
  default: { aspectRatio: '1:1', tier: '1MP' },
  aspectRatioField: 'aspect_ratio',
  tierField: 'megapixels',
  tierWire: { '0.25MP': '0.25', '1MP': '1' },
});

const pixelLimits = offering({
  kind: 'range',
  minPixels: 256 * 256,
  maxPixels: 1280 * 720,
  multipleOf: 16,
  maxSide: 1280,
  default: { width: 1024, height: 576 },
  wire: 'width-height',
});

describe('matchRequest', () => {
  it.each([
    {
      name: '"1920x1080" wins over aspect_ratio + resolution',
      offering: openaiPro,
      request: { size: '1920x1080', aspectRatio: '9:16', resolution: '720p' },
      dimensions: { width: 1920, height: 1080 },
      body: { size: '1920x1080' },
    },
    {
      name: '"16:9" + "1K" on 1365x768 / 768x1365 gives 1365x768',
      offering: squareish,
      request: { aspectRatio: '16:9', resolution: '1K' },
      dimensions: { width: 1365, height: 768 },
      body: { size: '1365x768' },
    },
    {
      name: 'size "W:H" means aspect_ratio',
      offering: squareish,
      request: { size: '9:16', resolution: '1K' },
      dimensions: { width: 768, height: 1365 },
      body: { size: '768x1365' },
    },
    {
      name: '7:1 where 4:1 and 8:1 exist gives 8:1 (log distance)',
      offering: panoramic,
      request: { aspectRatio: '7:1' },
      dimensions: { width: 2896, height: 362 },
      body: { aspect_ratio: '8:1' },
    },
    {
      name: 'nearest K tier: 1920x1080 is nearer 1K than 2K in log area',
      offering: kTiers,
      request: { size: '1920x1080' },
      dimensions: { width: 1365, height: 768 },
      body: { aspect_ratio: '16:9', image_size: '1K' },
    },
    {
      name: 'nearest K tier: 3000x3000 is nearer 4K than 2K',
      offering: kTiers,
      request: { size: '3000x3000' },
      dimensions: { width: 4096, height: 4096 },
      body: { aspect_ratio: '1:1', image_size: '4K' },
    },
    {
      name: 'nearest megapixel tier: 800x600 is nearer 0.25 MP than 1 MP',
      offering: megapixels,
      request: { size: '800x600' },
      dimensions: { width: 591, height: 443 },
      body: { aspect_ratio: '4:3', megapixels: '0.25' },
    },
    {
      name: 'megapixel tier asked by name',
      offering: megapixels,
      request: { resolution: '1MP' },
      dimensions: { width: 1024, height: 1024 },
      body: { aspect_ratio: '1:1', megapixels: '1' },
    },
    {
      name: 'clamping to pixel limits keeps the ratio',
      offering: pixelLimits,
      request: { size: '3840x2160' },
      dimensions: { width: 1280, height: 720 },
      body: { width: 1280, height: 720 },
    },
    {
      name: 'clamping up to the minimum keeps the ratio',
      offering: pixelLimits,
      request: { size: '160x90' },
      dimensions: { width: 336, height: 192 },
      body: { width: 336, height: 192 },
    },
    {
      name: 'nothing given: the model default',
      offering: falSora,
      request: {},
      dimensions: { width: 1920, height: 1080 },
      body: { aspect_ratio: '16:9', resolution: '1080p' },
    },
    {
      name: 'resolution alone keeps the default shape',
      offering: falSora,
      request: { resolution: '720p' },
      dimensions: { width: 1280, height: 720 },
      body: { aspect_ratio: '16:9', resolution: '720p' },
    },
  ])('$name', ({ offering: target, request, dimensions, body }) => {
    const result = matchRequest(target, input(request));
    expect(result.dimensions).toEqual(dimensions);
    expect(result.body).toMatchObject(body);
  });

  it('checks 7:1 → 8:1 by the tier size at the chosen ratio', () => {
    const result = matchRequest(panoramic, input({ aspectRatio: '7:1' }));
    expect(result.aspectRatio).toBe('8:1');
  });

  it('keeps the ratio when clamping (within rounding to multiples of 16)', () => {
    const result = matchRequest(pixelLimits, input({ size: '3000x1000' }));
    expect(result.dimensions.width / result.dimensions.height).toBeCloseTo(3, 1);
    expect(result.dimensions.width * result.dimensions.height).toBeLessThanOrEqual(1280 * 720);
    expect(result.report.find((entry) => entry.param === 'size')?.note).toMatch(/clamped/);
  });
});

describe('provider dialects', () => {
  it.each([
    {
      name: 'OpenAI: size from its list, seconds as a string',
      offering: openaiPro,
      request: { size: '1280x720', seconds: 8 },
      body: { size: '1280x720', seconds: '8' },
    },
    {
      name: 'OpenAI: 1000x560 snaps to 1280x720',
      offering: openaiPro,
      request: { size: '1000x560', seconds: 10 },
      body: { size: '1280x720', seconds: '12' },
    },
    {
      name: 'fal Sora: aspect_ratio + 720p|1080p, duration "8"',
      offering: falSora,
      request: { size: '720x1280', seconds: 8 },
      body: { aspect_ratio: '9:16', resolution: '720p', duration: '8' },
    },
    {
      name: 'fal Veo: duration "8s", 4K tier written as "4k"',
      offering: falVeo,
      request: { aspectRatio: '16:9', resolution: '4K', seconds: 8 },
      body: { aspect_ratio: '16:9', resolution: '4k', duration: '8s' },
    },
    {
      name: 'fal Wan: duration as a number',
      offering: falWan,
      request: { aspectRatio: '1:1', resolution: '720p', seconds: 8 },
      body: { aspect_ratio: '1:1', resolution: '720p', duration: 8 },
    },
    {
      name: 'Replicate: portrait|landscape + standard|high, integer seconds',
      offering: replicateSora,
      request: { size: '1792x1024', seconds: 12 },
      body: { aspect_ratio: 'landscape', resolution: 'high', seconds: 12 },
    },
    {
      name: 'Replicate: 1080p asked, 1024p is the nearest it has',
      offering: replicateSora,
      request: { size: '1920x1080', seconds: 8 },
      body: { aspect_ratio: 'landscape', resolution: 'high', seconds: 8 },
    },
    {
      name: 'Replicate: 9:16 alone keeps the default scale',
      offering: replicateSora,
      request: { aspectRatio: '9:16' },
      body: { aspect_ratio: 'portrait', resolution: 'standard', seconds: 4 },
    },
  ])('$name', ({ offering: target, request, body }) => {
    expect(matchRequest(target, input(request)).body).toEqual(body);
  });
});

describe('duration', () => {
  it.each([
    { asked: 8, values: [4, 8, 12], expected: 8 },
    { asked: 9, values: [4, 8, 12], expected: 8 },
    { asked: 6, values: [4, 8, 12], expected: 8 },
    { asked: 10, values: [4, 8, 12], expected: 12 },
    { asked: 1, values: [4, 8, 12], expected: 4 },
    { asked: 99, values: [4, 8, 12], expected: 12 },
    { asked: 7, values: [5, 9], expected: 9 },
    { asked: 2.5, values: durationRange(2, 15), expected: 3 },
  ])('$asked s among $values gives $expected s (a tie goes to the longer)', ({ asked, values, expected }) => {
    const target = offering(openaiPro.capabilities.size, {
      duration: { field: 'seconds', format: 'integer', values, default: values[0]! },
    });
    expect(matchRequest(target, input({ seconds: asked })).seconds).toBe(expected);
  });
});

describe('normalization report', () => {
  it('reports every parameter with what was asked, sent and how', () => {
    const result = matchRequest(
      falVeo,
      input({ size: '1000x560', aspectRatio: '9:16', seconds: 7, audio: false, n: 2, extra: { seed: 42 } }),
    );
    expect(result.report).toEqual([
      {
        param: 'size',
        requested: '1000x560',
        sent: { aspect_ratio: '16:9', resolution: '720p' },
        action: 'snapped',
        note: 'nearest supported size is 1280x720',
      },
      {
        param: 'aspect_ratio',
        requested: '9:16',
        sent: null,
        action: 'dropped',
        note: 'size takes priority',
      },
      {
        param: 'seconds',
        requested: 7,
        sent: { duration: '8s' },
        action: 'snapped',
        note: 'nearest supported duration is 8 s',
      },
      { param: 'audio', requested: false, sent: { generate_audio: false }, action: 'renamed' },
      { param: 'n', requested: 2, sent: null, action: 'emulated', note: '2 separate jobs, one video each' },
      { param: 'seed', requested: 42, sent: { seed: 42 }, action: 'passthrough' },
    ]);
    expect(result.warnings.map((warning) => warning.type)).toEqual([
      'compatibility',
      'compatibility',
      'compatibility',
    ]);
  });

  it('says what the default was when nothing was asked', () => {
    const result = matchRequest(openaiPro, input({}));
    expect(result.report).toEqual([
      {
        param: 'size',
        requested: null,
        sent: { size: '720x1280' },
        action: 'defaulted',
        note: 'model default 720x1280',
      },
      {
        param: 'seconds',
        requested: null,
        sent: { seconds: '4' },
        action: 'defaulted',
        note: 'model default 4 s',
      },
    ]);
  });

  it('drops unsupported audio with a warning', () => {
    const result = matchRequest(falSora, input({ audio: true }));
    expect(result.report.find((entry) => entry.param === 'audio')).toMatchObject({ action: 'dropped' });
    expect(result.warnings).toContainEqual({
      type: 'unsupported',
      feature: 'audio',
      details: 'test-model makes silent video only here',
    });
  });

  it('applies the offering parameter map to unknown parameters', () => {
    const mapped: VideoOffering = {
      ...falSora,
      parameters: { negative_prompt: { how: 'renamed', to: 'negative' }, seed: { how: 'unsupported' } },
    };
    const result = matchRequest(mapped, input({ extra: { negative_prompt: 'blur', seed: 1 } }));
    expect(result.body).toMatchObject({ negative: 'blur' });
    expect(result.body).not.toHaveProperty('seed');
    expect(result.warnings).toContainEqual({ type: 'unsupported', feature: 'seed' });
  });

  it('is deterministic', () => {
    const request = input({ size: '1111x777', seconds: 9, extra: { b: 1, a: 2 } });
    expect(matchRequest(falWan, request)).toEqual(matchRequest(falWan, request));
  });
});

describe('strict mode', () => {
  it('rejects a size it would snap, listing the supported sizes', () => {
    expect(() => matchRequest(openaiPro, input({ size: '1000x560', strict: true }))).toThrowError(
      /Supported: 720x1280 \(720p\), 1280x720 \(720p\), 1024x1792 \(1024p\)/,
    );
  });

  it('rejects a duration it would snap, listing the durations', () => {
    try {
      matchRequest(falVeo, input({ seconds: 5, strict: true }));
      expect.unreachable();
    } catch (error) {
      expect(UnsupportedCapabilityError.isInstance(error)).toBe(true);
      expect((error as UnsupportedCapabilityError).param).toBe('seconds');
      expect((error as UnsupportedCapabilityError).supported).toEqual(['4', '6', '8']);
    }
  });

  it('accepts what fits exactly', () => {
    expect(matchRequest(openaiPro, input({ size: '1792x1024', seconds: 12, strict: true })).body).toEqual({
      size: '1792x1024',
      seconds: '12',
    });
  });
});

describe('mode', () => {
  it('an image means image-to-video on the i2v endpoint', () => {
    const result = matchRequest(falSora, input({ hasImage: true }));
    expect(result).toMatchObject({ mode: 'image-to-video', upstreamModel: 'test/i2v' });
  });

  it('refuses image-to-video where the offering has none', () => {
    const textOnly = { ...falSora, upstream: { 'text-to-video': 'test/t2v' } };
    expect(() => matchRequest(textOnly, input({ hasImage: true }))).toThrowError(
      /does not do image-to-video/,
    );
  });
});

describe('secret parameters', () => {
  const byok = {
    ...falSora,
    parameters: { user_key: { how: 'renamed' as const, to: 'api_key' } },
    secretParameters: ['openai_api_key', 'user_key'],
  };

  it('sends the value but reports only [redacted]', () => {
    const result = matchRequest(
      byok,
      input({ extra: { openai_api_key: 'sk-byok-1', user_key: 'sk-byok-2', style: 'noir' } }),
    );
    expect(result.body).toMatchObject({ openai_api_key: 'sk-byok-1', api_key: 'sk-byok-2', style: 'noir' });
    expect(result.report.filter((entry) => entry.param !== 'seconds' && entry.param !== 'size')).toEqual([
      {
        param: 'openai_api_key',
        requested: '[redacted]',
        sent: { openai_api_key: '[redacted]' },
        action: 'passthrough',
      },
      { param: 'user_key', requested: '[redacted]', sent: { api_key: '[redacted]' }, action: 'renamed' },
      { param: 'style', requested: 'noir', sent: { style: 'noir' }, action: 'passthrough' },
    ]);
    expect(JSON.stringify(result.report)).not.toContain('sk-byok');
  });
});
