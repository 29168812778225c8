import type { AspectRatio, ResolutionTier, VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** The catalog models xAI serves directly. */
export type XaiModelId = 'grok-imagine-video' | 'grok-imagine-video-1.5';

const aspectRatios: AspectRatio[] = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3'];

const offering = (model: XaiModelId, tiers: ResolutionTier[]): VideoOffering => ({
  model,
  upstream: { 'text-to-video': model, 'image-to-video': model },
  capabilities: {
    modes: ['text-to-video', 'image-to-video'],
    // xAI's own default is 480p; the catalog default is 720p so the same request looks alike everywhere.
    size: {
      kind: 'grid',
      aspectRatios,
      tiers,
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'aspect_ratio',
      tierField: 'resolution',
    },
    duration: { field: 'duration', format: 'integer', values: durationRange(1, 15), default: 8 },
    audio: { field: 'generate_audio', default: true },
    image: { field: 'image', accepts: ['url', 'data-uri'] },
    maxVideosPerCall: 1,
    remix: false,
    variants: ['video'],
  },
  parameters: {
    seconds: { how: 'renamed', to: 'duration' },
    size: { how: 'converted', to: ['aspect_ratio', 'resolution'] },
    aspect_ratio: { how: 'passthrough' },
    resolution: { how: 'passthrough' },
    input_reference: { how: 'converted', to: ['image'] },
    audio: { how: 'renamed', to: 'generate_audio' },
    seed: { how: 'unsupported' },
    negative_prompt: { how: 'unsupported' },
    n: { how: 'emulated' },
  },
  providerParameters: ['storage_options', 'user'],
});

/**
 * Grok Imagine Video on xAI's API (xai-sdk-python and vercel/ai `packages/xai`): 1–15 s, seven aspect ratios,
 * 480p and 720p; 1080p only on the 1.5 model.
 */
export const xaiOfferings: readonly VideoOffering[] = [
  offering('grok-imagine-video', ['480p', '720p']),
  offering('grok-imagine-video-1.5', ['480p', '720p', '1080p']),
];
