import type { ParameterMap, SizeOption, VideoCapabilities, VideoOffering } from '@reelay/core';

const size = (width: number, height: number, tier: SizeOption['tier']): SizeOption => ({
  width,
  height,
  tier,
  wire: { size: `${width}x${height}` },
});

const SIZES_720P = [size(720, 1280, '720p'), size(1280, 720, '720p')];
const SIZES_1024P = [size(1024, 1792, '1024p'), size(1792, 1024, '1024p')];
const SIZES_1080P = [size(1080, 1920, '1080p'), size(1920, 1080, '1080p')];

/** What both Sora 2 models share; they differ only in sizes. */
const shared: Omit<VideoCapabilities, 'size'> = {
  modes: ['text-to-video', 'image-to-video'],
  // The OpenAPI enum says "4" | "8" | "12"; the guide (after the 2026-03 expansion) adds "16" and "20".
  duration: { field: 'seconds', format: 'string', values: [4, 8, 12, 16, 20], default: 4 },
  // Sora always makes sound; there is no field to turn it off.
  audio: { field: undefined, default: true },
  image: { field: 'input_reference', accepts: ['upload', 'data-uri', 'url'] },
  maxVideosPerCall: 1,
  remix: true,
  variants: ['video', 'thumbnail', 'spritesheet'],
};

/**
 * How public parameters reach OpenAI. Nothing beyond the public ones is declared: any other parameter is
 * passed through as is, and OpenAI itself refuses unknown ones with 400 `unknown_parameter`.
 */
const parameters: ParameterMap = {
  seconds: { how: 'converted', to: ['seconds'] },
  size: { how: 'converted', to: ['size'] },
  aspect_ratio: { how: 'converted', to: ['size'] },
  resolution: { how: 'converted', to: ['size'] },
  input_reference: { how: 'passthrough' },
  n: { how: 'emulated' },
};

export const openAIOfferings: readonly VideoOffering[] = [
  {
    model: 'sora-2',
    upstream: { 'text-to-video': 'sora-2', 'image-to-video': 'sora-2' },
    capabilities: {
      ...shared,
      size: { kind: 'list', options: SIZES_720P, default: { width: 720, height: 1280 } },
    },
    parameters,
    providerParameters: [],
  },
  {
    model: 'sora-2-pro',
    upstream: { 'text-to-video': 'sora-2-pro', 'image-to-video': 'sora-2-pro' },
    capabilities: {
      ...shared,
      size: {
        kind: 'list',
        options: [...SIZES_720P, ...SIZES_1024P, ...SIZES_1080P],
        default: { width: 720, height: 1280 },
      },
    },
    parameters,
    providerParameters: [],
  },
];
