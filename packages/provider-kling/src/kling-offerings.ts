import type { VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** The catalog models Kling serves directly. */
export type KlingModelId = 'kling-3' | 'kling-1.6';

const urlOrBase64 = ['url' as const, 'data-uri' as const];

/**
 * Kling 3 (`kling-v3`). The tier is Kling's `mode`: `std` makes 720p and `pro` 1080p (capability map of the API
 * reference), so the two modes are the offering's two tiers and are priced as such. `sound` is `"on"`/`"off"`
 * on the wire; the adapter writes the boolean matching decides as that.
 *
 * Kling 1.6 (`kling-v1-6`) is here for reference images: `/v1/videos/multi-image2video` takes up to four
 * (`image_list`) and serves only that model version. Its end frame (`image_tail`) needs pro mode, which the
 * contract cannot tie to one tier, so Kling 1.6 declares no last frame.
 */
export const klingOfferings: readonly VideoOffering[] = [
  {
    model: 'kling-3',
    upstream: { 'text-to-video': 'kling-v3', 'image-to-video': 'kling-v3' },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: {
        kind: 'grid',
        aspectRatios: ['16:9', '9:16', '1:1'],
        tiers: ['720p', '1080p'],
        default: { aspectRatio: '16:9', tier: '1080p' },
        aspectRatioField: 'aspect_ratio',
        tierField: 'mode',
        tierWire: { '720p': 'std', '1080p': 'pro' },
      },
      duration: { field: 'duration', format: 'string', values: durationRange(3, 15), default: 5 },
      audio: { field: 'sound', default: false },
      image: { field: 'image', accepts: urlOrBase64 },
      // Kling 3 takes an end frame in both std and pro mode (API reference, capability map).
      lastFrame: { field: 'image_tail', accepts: urlOrBase64 },
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: {
      seconds: { how: 'converted', to: ['duration'] },
      size: { how: 'converted', to: ['aspect_ratio', 'mode'] },
      aspect_ratio: { how: 'passthrough' },
      resolution: { how: 'converted', to: ['mode'] },
      input_reference: { how: 'renamed', to: 'image' },
      audio: { how: 'converted', to: ['sound'] },
      negative_prompt: { how: 'passthrough' },
      seed: { how: 'unsupported' },
      n: { how: 'emulated' },
    },
    providerParameters: [
      'cfg_scale',
      'camera_control',
      'multi_shot',
      'shot_type',
      'multi_prompt',
      'voice_list',
    ],
  },
  {
    model: 'kling-1.6',
    upstream: { 'text-to-video': 'kling-v1-6', 'image-to-video': 'kling-v1-6' },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: {
        kind: 'grid',
        aspectRatios: ['16:9', '9:16', '1:1'],
        tiers: ['720p', '1080p'],
        default: { aspectRatio: '16:9', tier: '720p' },
        aspectRatioField: 'aspect_ratio',
        tierField: 'mode',
        tierWire: { '720p': 'std', '1080p': 'pro' },
      },
      duration: { field: 'duration', format: 'string', values: [5, 10], default: 5 },
      audio: undefined,
      image: { field: 'image', accepts: urlOrBase64 },
      referenceImages: { field: 'image_list', accepts: urlOrBase64, max: 4, excludesFrames: true },
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: {
      seconds: { how: 'converted', to: ['duration'] },
      size: { how: 'converted', to: ['aspect_ratio', 'mode'] },
      aspect_ratio: { how: 'passthrough' },
      resolution: { how: 'converted', to: ['mode'] },
      input_reference: { how: 'renamed', to: 'image' },
      audio: { how: 'unsupported' },
      negative_prompt: { how: 'passthrough' },
      seed: { how: 'unsupported' },
      n: { how: 'emulated' },
    },
    providerParameters: ['cfg_scale', 'camera_control', 'static_mask', 'dynamic_masks'],
  },
];
