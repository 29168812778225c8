import type { AspectRatio, ResolutionTier, VideoInputCapability, VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** The catalog models xAI serves directly. */
export type XaiModelId = 'grok-imagine-video' | 'grok-imagine-video-1.5';

const aspectRatios: AspectRatio[] = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3'];

/** Reference-to-video takes one to seven images (vercel/ai `referenceImageUrls`, docs.x.ai), as URLs or data URIs. */
export const XAI_MAX_REFERENCE_IMAGES = 7;

/** The longest source of an edit (docs.x.ai "Video Editing"); an extension takes up to 15 s. */
export const XAI_MAX_EDIT_SOURCE_SECONDS = 8.7;

/**
 * The source video of `/videos/edits` and `/videos/extensions`: `video: {url}`, an https URL or a base64 data URL
 * (xai-sdk-python). An extension takes a 2–15 s source and makes a 2–10 s segment, 6 s by default, returned
 * after the source (docs.x.ai "Video Extension").
 */
const sourceVideo: VideoInputCapability = {
  field: 'video.url',
  accepts: ['url', 'data-uri'],
  maxSeconds: 15,
  extendDuration: { field: 'duration', format: 'integer', values: durationRange(2, 10), default: 6 },
};

const offering = (model: XaiModelId, tiers: ResolutionTier[], editAndExtend: boolean): VideoOffering => ({
  model,
  upstream: {
    'text-to-video': model,
    'image-to-video': model,
    ...(editAndExtend ? { 'edit-video': model, 'extend-video': model } : {}),
  },
  capabilities: {
    modes: editAndExtend
      ? ['text-to-video', 'image-to-video', 'edit-video', 'extend-video']
      : ['text-to-video', 'image-to-video'],
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
    referenceImages: {
      field: 'reference_images',
      accepts: ['url', 'data-uri'],
      max: XAI_MAX_REFERENCE_IMAGES,
      // xAI refuses `reference_images` together with `image`.
      excludesFrames: true,
    },
    ...(editAndExtend ? { video: sourceVideo } : {}),
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
 * 480p and 720p; 1080p only on the 1.5 model. Both take reference images; editing and extension are documented
 * for `grok-imagine-video` only. xAI has no last frame, seed or negative prompt.
 */
export const xaiOfferings: readonly VideoOffering[] = [
  offering('grok-imagine-video', ['480p', '720p'], true),
  offering('grok-imagine-video-1.5', ['480p', '720p', '1080p'], false),
];
