import type { ParameterMap, VideoCapabilities, VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** Replicate returns one MP4 URL per prediction and nothing else. */
const common: Pick<VideoCapabilities, 'maxVideosPerCall' | 'remix' | 'variants'> = {
  maxVideosPerCall: 1,
  remix: false,
  variants: ['video'],
};

/** File inputs take an http(s) URL or a `data:` URI (Replicate recommends URLs above a few hundred KB). */
const imageForms: Array<'url' | 'data-uri'> = ['url', 'data-uri'];

function parameters(options: { size: string[]; image?: string }): ParameterMap {
  const map: ParameterMap = {
    size: { how: 'converted', to: options.size },
    seconds: { how: 'renamed', to: 'duration' },
    n: { how: 'emulated' },
  };
  if (options.image !== undefined) {
    map['input_reference'] =
      options.image === 'input_reference' ? { how: 'passthrough' } : { how: 'renamed', to: options.image };
  }
  return map;
}

const soraTwoPro: VideoOffering = {
  model: 'sora-2-pro',
  upstream: { 'text-to-video': 'openai/sora-2-pro', 'image-to-video': 'openai/sora-2-pro' },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'list',
      options: [
        {
          width: 720,
          height: 1280,
          tier: '720p',
          wire: { aspect_ratio: 'portrait', resolution: 'standard' },
        },
        {
          width: 1280,
          height: 720,
          tier: '720p',
          wire: { aspect_ratio: 'landscape', resolution: 'standard' },
        },
        { width: 1024, height: 1792, tier: '1024p', wire: { aspect_ratio: 'portrait', resolution: 'high' } },
        { width: 1792, height: 1024, tier: '1024p', wire: { aspect_ratio: 'landscape', resolution: 'high' } },
      ],
      // Replicate's schema defaults to portrait + standard.
      default: { width: 720, height: 1280 },
    },
    duration: { field: 'seconds', format: 'integer', values: [4, 8, 12, 16, 20], default: 4 },
    audio: { field: undefined, default: true },
    image: { field: 'input_reference', accepts: imageForms },
    ...common,
  },
  parameters: {
    ...parameters({ size: ['aspect_ratio', 'resolution'], image: 'input_reference' }),
    seconds: { how: 'passthrough' },
    openai_api_key: { how: 'passthrough' },
  },
  // Bring-your-own-key: OpenAI bills the key's owner instead of Replicate. A credential, so declared secret.
  providerParameters: ['openai_api_key'],
  secretParameters: ['openai_api_key'],
};

const klingThree: VideoOffering = {
  model: 'kling-3',
  upstream: { 'text-to-video': 'kwaivgi/kling-v3-video', 'image-to-video': 'kwaivgi/kling-v3-video' },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16', '1:1'],
      tiers: ['720p', '1080p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      tierField: 'resolution',
    },
    duration: { field: 'duration', format: 'integer', values: durationRange(3, 15), default: 5 },
    audio: { field: 'generate_audio', default: false },
    image: { field: 'start_image', accepts: imageForms },
    ...common,
  },
  parameters: parameters({ size: ['aspect_ratio', 'resolution'], image: 'start_image' }),
  providerParameters: [],
};

const wanTwoSeven: VideoOffering = {
  model: 'wan-2.7',
  upstream: { 'text-to-video': 'wan-video/wan-2.7-t2v' },
  capabilities: {
    modes: ['text-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16', '1:1'],
      tiers: ['720p', '1080p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      tierField: 'resolution',
    },
    duration: { field: 'duration', format: 'integer', values: durationRange(2, 15), default: 5 },
    audio: undefined,
    image: undefined,
    ...common,
  },
  parameters: parameters({ size: ['aspect_ratio', 'resolution'] }),
  providerParameters: [],
};

const seedanceTwoFast: VideoOffering = {
  model: 'seedance-2.0-fast',
  upstream: {
    'text-to-video': 'bytedance/seedance-2.0-fast',
    'image-to-video': 'bytedance/seedance-2.0-fast',
  },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16', '1:1'],
      tiers: ['480p', '720p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      tierField: 'resolution',
    },
    duration: { field: 'duration', format: 'integer', values: durationRange(4, 15), default: 5 },
    audio: undefined,
    image: { field: 'image', accepts: imageForms },
    ...common,
  },
  parameters: parameters({ size: ['aspect_ratio', 'resolution'], image: 'image' }),
  providerParameters: [],
};

const hailuoTwoThree: VideoOffering = {
  model: 'hailuo-2.3',
  upstream: { 'text-to-video': 'minimax/hailuo-2.3', 'image-to-video': 'minimax/hailuo-2.3' },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9'],
      tiers: ['768p', '1080p'],
      default: { aspectRatio: '16:9', tier: '768p' },
      // Landscape only; with a first frame the video follows the image's shape.
      aspectRatioField: undefined,
      tierField: 'resolution',
    },
    // 1080p is 6 s only upstream; a 1080p 10 s request gets Replicate's 422.
    duration: { field: 'duration', format: 'integer', values: [6, 10], default: 6 },
    audio: undefined,
    image: { field: 'first_frame_image', accepts: imageForms },
    ...common,
  },
  parameters: parameters({ size: ['resolution'], image: 'first_frame_image' }),
  providerParameters: [],
};

const lumaRayTwo: VideoOffering = {
  model: 'luma-ray-2',
  upstream: { 'text-to-video': 'luma/ray-2-720p', 'image-to-video': 'luma/ray-2-720p' },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
      tiers: ['720p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      // The 720p tier is the model itself (`ray-2-720p`).
      tierField: undefined,
    },
    duration: { field: 'duration', format: 'integer', values: [5, 9], default: 5 },
    audio: undefined,
    image: { field: 'start_image', accepts: imageForms },
    ...common,
  },
  parameters: parameters({ size: ['aspect_ratio'], image: 'start_image' }),
  providerParameters: [],
};

const runwayGenFourFive: VideoOffering = {
  model: 'runway-gen-4.5',
  upstream: { 'text-to-video': 'runwayml/gen-4.5', 'image-to-video': 'runwayml/gen-4.5' },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16', '1:1'],
      tiers: ['720p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      tierField: undefined,
    },
    duration: { field: 'duration', format: 'integer', values: [5, 10], default: 5 },
    audio: undefined,
    image: { field: 'image', accepts: imageForms },
    ...common,
  },
  parameters: parameters({ size: ['aspect_ratio'], image: 'image' }),
  providerParameters: [],
};

/** Every catalog model Replicate serves through this plugin, with its capabilities as data. */
export const replicateOfferings: readonly VideoOffering[] = [
  soraTwoPro,
  klingThree,
  wanTwoSeven,
  seedanceTwoFast,
  hailuoTwoThree,
  lumaRayTwo,
  runwayGenFourFive,
];
