import type { VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** The catalog models Kling serves directly. */
export type KlingModelId = 'kling-3';

/**
 * Kling 3 (`kling-v3`). The tier is Kling's `mode`: `std` makes 720p and `pro` 1080p (capability map of the API
 * reference), so the two modes are the offering's two tiers and are priced as such. `sound` is `"on"`/`"off"`
 * on the wire; the adapter writes the boolean matching decides as that.
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
      image: { field: 'image', accepts: ['url', 'data-uri'] },
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
];
