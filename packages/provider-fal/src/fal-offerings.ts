import type { AspectRatio, ParameterMap, ResolutionTier, VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** The catalog models fal serves through Reelay. */
export type FalModelId = 'sora-2-pro' | 'veo-3.1' | 'kling-3' | 'wan-2.7' | 'seedance-2.0';

const grid = (
  aspectRatios: AspectRatio[],
  tiers: ResolutionTier[],
  defaultSize: { aspectRatio: AspectRatio; tier: ResolutionTier },
  extra: { tierField?: string | undefined; tierWire?: Partial<Record<ResolutionTier, string>> } = {},
) => ({
  kind: 'grid' as const,
  aspectRatios,
  tiers,
  default: defaultSize,
  aspectRatioField: 'aspect_ratio',
  tierField: 'tierField' in extra ? extra.tierField : 'resolution',
  ...(extra.tierWire ? { tierWire: extra.tierWire } : {}),
});

const parameters = (options: {
  imageField: string;
  tier: boolean;
  /** The upstream audio switch, `'always'` when audio is always on, `'none'` for silent models. */
  audio: string;
}): ParameterMap => ({
  seconds: { how: 'converted', to: ['duration'] },
  size: { how: 'converted', to: options.tier ? ['aspect_ratio', 'resolution'] : ['aspect_ratio'] },
  aspect_ratio: { how: 'passthrough' },
  resolution: options.tier ? { how: 'converted', to: ['resolution'] } : { how: 'unsupported' },
  input_reference: { how: 'renamed', to: options.imageField },
  audio:
    options.audio === 'always'
      ? { how: 'emulated' }
      : options.audio === 'none'
        ? { how: 'unsupported' }
        : { how: 'renamed', to: options.audio },
  n: { how: 'emulated' },
});

const byUrl = (field: string) => ({ field, accepts: ['url' as const, 'data-uri' as const] });

/**
 * fal's endpoints for each catalog model, with their capabilities as data. A model with no declared default of
 * its own at its maker uses fal's endpoint defaults; sora-2-pro uses OpenAI's (720x1280, 4 s), so the same
 * request means the same video at every provider.
 */
export const falOfferings: readonly VideoOffering[] = [
  {
    model: 'sora-2-pro',
    upstream: {
      'text-to-video': 'fal-ai/sora-2/text-to-video/pro',
      'image-to-video': 'fal-ai/sora-2/image-to-video/pro',
    },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: grid(['16:9', '9:16'], ['720p', '1080p'], { aspectRatio: '9:16', tier: '720p' }),
      duration: { field: 'duration', format: 'string', values: durationRange(4, 20, 4), default: 4 },
      audio: { field: undefined, default: true },
      image: byUrl('image_url'),
      maxVideosPerCall: 1,
      // fal deletes the video upstream by default (`delete_video: true`), so it cannot be remixed.
      remix: false,
      variants: ['video', 'thumbnail', 'spritesheet'],
    },
    parameters: parameters({ imageField: 'image_url', tier: true, audio: 'always' }),
    providerParameters: ['delete_video', 'detect_and_block_ip', 'character_ids'],
  },
  {
    model: 'veo-3.1',
    upstream: { 'text-to-video': 'fal-ai/veo3.1', 'image-to-video': 'fal-ai/veo3.1/image-to-video' },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: grid(
        ['16:9', '9:16'],
        ['720p', '1080p', '2160p'],
        { aspectRatio: '16:9', tier: '720p' },
        { tierWire: { '2160p': '4k' } },
      ),
      duration: { field: 'duration', format: 'string-with-s', values: [4, 6, 8], default: 8 },
      audio: { field: 'generate_audio', default: true },
      image: byUrl('image_url'),
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: parameters({ imageField: 'image_url', tier: true, audio: 'generate_audio' }),
    providerParameters: [],
  },
  {
    model: 'kling-3',
    upstream: {
      'text-to-video': 'fal-ai/kling-video/v3/pro/text-to-video',
      'image-to-video': 'fal-ai/kling-video/v3/pro/image-to-video',
    },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: grid(
        ['16:9', '9:16', '1:1'],
        ['1080p'],
        { aspectRatio: '16:9', tier: '1080p' },
        { tierField: undefined },
      ),
      duration: { field: 'duration', format: 'string', values: durationRange(3, 15), default: 5 },
      audio: { field: 'generate_audio', default: true },
      // Kling v3 takes the first frame as `start_image_url` (its optional last frame is `end_image_url`).
      image: byUrl('start_image_url'),
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: parameters({ imageField: 'start_image_url', tier: false, audio: 'generate_audio' }),
    providerParameters: [],
  },
  {
    model: 'wan-2.7',
    upstream: {
      'text-to-video': 'fal-ai/wan/v2.7/text-to-video',
      'image-to-video': 'fal-ai/wan/v2.7/image-to-video',
    },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: grid(['16:9', '9:16', '1:1', '4:3', '3:4'], ['720p', '1080p'], {
        aspectRatio: '16:9',
        tier: '1080p',
      }),
      duration: { field: 'duration', format: 'integer', values: durationRange(2, 15), default: 5 },
      audio: undefined,
      image: byUrl('image_url'),
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: parameters({ imageField: 'image_url', tier: true, audio: 'none' }),
    providerParameters: [],
  },
  {
    model: 'seedance-2.0',
    upstream: {
      'text-to-video': 'bytedance/seedance-2.0/text-to-video',
      'image-to-video': 'bytedance/seedance-2.0/image-to-video',
    },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: grid(['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'], ['720p', '1080p'], {
        aspectRatio: '16:9',
        tier: '720p',
      }),
      duration: { field: 'duration', format: 'string', values: durationRange(4, 15), default: 5 },
      audio: { field: 'generate_audio', default: true },
      image: byUrl('image_url'),
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: parameters({ imageField: 'image_url', tier: true, audio: 'generate_audio' }),
    providerParameters: [],
  },
];
