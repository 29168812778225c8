import { describe, expect, it } from 'vitest';
import { UnsupportedCapabilityError } from '../errors/unsupported-capability-error';
import type { VideoOffering } from '../spec/offering';
import { type MatchInput, matchRequest } from './match-request';

const base: VideoOffering = {
  model: 'test-model',
  upstream: { 'text-to-video': 't2v', 'image-to-video': 'i2v' },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16'],
      tiers: ['720p', '1080p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      tierField: 'resolution',
    },
    duration: { field: 'duration', format: 'integer', values: [4, 6, 8], default: 8 },
    image: { field: 'image', accepts: ['url'] },
    maxVideosPerCall: 1,
    remix: false,
    variants: ['video'],
  },
  parameters: {},
  providerParameters: [],
};

const withCapabilities = (
  capabilities: Partial<VideoOffering['capabilities']>,
  rest: Partial<VideoOffering> = {},
): VideoOffering => ({ ...base, ...rest, capabilities: { ...base.capabilities, ...capabilities } });

const input = (fields: Partial<MatchInput>): MatchInput => ({ hasImage: false, extra: {}, ...fields });

function refusal(offering: VideoOffering, fields: Partial<MatchInput>): UnsupportedCapabilityError {
  try {
    matchRequest(offering, input(fields));
  } catch (error) {
    if (UnsupportedCapabilityError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the offering to refuse the request');
}

describe('last frame and reference images', () => {
  const framed = withCapabilities({
    lastFrame: { field: 'lastFrame', accepts: ['data-uri'] },
    referenceImages: { field: 'referenceImages', accepts: ['data-uri'], max: 3 },
  });

  it('refuses a last frame where the offering takes none, naming the field', () => {
    const error = refusal(base, { hasImage: true, media: { lastFrame: true, referenceImages: 0 } });
    expect(error.param).toBe('last_frame');
    expect(error.message).toContain('does not take a last frame');
  });

  it('reports where the last frame goes when the offering takes one', () => {
    const matched = matchRequest(
      framed,
      input({ hasImage: true, media: { lastFrame: true, referenceImages: 0 } }),
    );
    expect(matched.mode).toBe('image-to-video');
    expect(matched.report).toContainEqual({
      param: 'last_frame',
      requested: '(image)',
      sent: { lastFrame: '(image)' },
      action: 'renamed',
    });
  });

  it('refuses more reference images than the offering takes, saying its limit', () => {
    const error = refusal(framed, { media: { lastFrame: false, referenceImages: 4 } });
    expect(error.param).toBe('reference_images');
    expect(error.message).toContain('at most 3');
    const matched = matchRequest(framed, input({ media: { lastFrame: false, referenceImages: 3 } }));
    expect(matched.report.find((entry) => entry.param === 'reference_images')?.sent).toEqual({
      referenceImages: ['(image)', '(image)', '(image)'],
    });
  });
});

describe('inputs that exclude each other', () => {
  const referencesAlone = withCapabilities({
    lastFrame: { field: 'lastFrame', accepts: ['data-uri'], requiresFirstFrame: true },
    referenceImages: { field: 'references', accepts: ['data-uri'], max: 4, excludesFrames: true },
  });

  it('refuses reference images with a frame where they are a mode of their own', () => {
    const error = refusal(referencesAlone, {
      hasImage: true,
      media: { lastFrame: false, referenceImages: 2 },
    });
    expect(error.param).toBe('reference_images');
    expect(error.message).toContain('without a first or last frame');
    expect(
      matchRequest(referencesAlone, input({ media: { lastFrame: false, referenceImages: 2 } })).mode,
    ).toBe('text-to-video');
  });

  it('refuses a last frame alone where it needs a first frame', () => {
    expect(refusal(referencesAlone, { media: { lastFrame: true, referenceImages: 0 } }).param).toBe(
      'last_frame',
    );
    expect(
      matchRequest(referencesAlone, input({ hasImage: true, media: { lastFrame: true, referenceImages: 0 } }))
        .mode,
    ).toBe('image-to-video');
  });
});

describe('negative_prompt and seed', () => {
  it('are never dropped: an offering that does not declare them cannot serve the request', () => {
    expect(refusal(base, { seed: 7 }).param).toBe('seed');
    const unsupported = withCapabilities({}, { parameters: { negative_prompt: { how: 'unsupported' } } });
    expect(refusal(unsupported, { negativePrompt: 'blur' }).param).toBe('negative_prompt');
  });

  it('are written where the parameter map says', () => {
    const mapped = withCapabilities(
      {},
      {
        parameters: {
          negative_prompt: { how: 'renamed', to: 'negativePrompt' },
          seed: { how: 'passthrough' },
        },
      },
    );
    const matched = matchRequest(mapped, input({ negativePrompt: 'blur', seed: 7 }));
    expect(matched.body).toMatchObject({ negativePrompt: 'blur', seed: 7 });
    expect(matched.report).toContainEqual({
      param: 'negative_prompt',
      requested: 'blur',
      sent: { negativePrompt: 'blur' },
      action: 'renamed',
    });
  });
});

describe('extend and edit', () => {
  const editor = withCapabilities(
    {
      modes: ['text-to-video', 'extend-video', 'edit-video'],
      video: {
        field: 'video',
        accepts: ['url'],
        maxSeconds: 15,
        extendDuration: { field: 'duration', format: 'integer', values: [2, 4, 6, 8, 10], default: 6 },
      },
    },
    { upstream: { 'text-to-video': 't2v', 'extend-video': 'extend', 'edit-video': 'edit' } },
  );
  const source = { dimensions: { width: 1280, height: 720 }, seconds: 8 };

  it('refuses an offering without the mode, naming the video', () => {
    const error = refusal(base, { source: { operation: 'extend', ...source } });
    expect(error.param).toBe('video');
    expect(error.message).toContain('extend-video');
  });

  it('extends with the segment durations and keeps the source size, sending none', () => {
    const matched = matchRequest(editor, input({ seconds: 10, source: { operation: 'extend', ...source } }));
    expect(matched.mode).toBe('extend-video');
    expect(matched.upstreamModel).toBe('extend');
    expect(matched.seconds).toBe(10);
    expect(matched.body).toEqual({ duration: 10 });
    expect(matched.dimensions).toEqual({ width: 1280, height: 720 });
    expect(matched.tier).toBe('720p');
  });

  it('edits at the source length and reports a size it cannot honour as dropped', () => {
    const matched = matchRequest(
      editor,
      input({ size: '720x1280', source: { operation: 'edit', ...source } }),
    );
    expect(matched.mode).toBe('edit-video');
    expect(matched.seconds).toBe(8);
    expect(matched.body).toEqual({});
    expect(matched.report).toContainEqual(
      expect.objectContaining({ param: 'size', action: 'dropped', sent: null }),
    );
    expect(
      refusal(editor, { size: '720x1280', strict: true, source: { operation: 'edit', ...source } }).param,
    ).toBe('size');
  });

  it('refuses a source longer than the offering takes', () => {
    const error = refusal(editor, { source: { operation: 'edit', dimensions: undefined, seconds: 20 } });
    expect(error.message).toContain('up to 15 s');
  });
});
