import type { ParameterMap, ResolutionTier, SizeOption, VideoOffering } from '@reelay/core';
import { durationRange } from '@reelay/core';

/** The catalog models Runway serves directly. */
export type RunwayModelId =
  | 'runway-gen-4.5'
  | 'runway-gen-4-turbo'
  | 'runway-aleph-2'
  | 'seedance-2.0'
  | 'veo-3.1'
  | 'veo-3.1-fast';

/** A Runway `ratio` is the output size in pixels, written `W:H`. */
const ratio = (width: number, height: number, tier: ResolutionTier): SizeOption => ({
  width,
  height,
  tier,
  wire: { ratio: `${width}:${height}` },
});

const landscape720 = ratio(1280, 720, '720p');
const portrait720 = ratio(720, 1280, '720p');

const parameters = (options: { audio: boolean; negativePrompt: boolean; seed: boolean }): ParameterMap => ({
  seconds: { how: 'renamed', to: 'duration' },
  size: { how: 'converted', to: ['ratio'] },
  aspect_ratio: { how: 'converted', to: ['ratio'] },
  resolution: { how: 'converted', to: ['ratio'] },
  input_reference: { how: 'renamed', to: 'promptImage' },
  audio: options.audio ? { how: 'passthrough' } : { how: 'unsupported' },
  negative_prompt: options.negativePrompt ? { how: 'renamed', to: 'negativePrompt' } : { how: 'unsupported' },
  seed: options.seed ? { how: 'passthrough' } : { how: 'unsupported' },
  n: { how: 'emulated' },
});

const promptImage = { field: 'promptImage', accepts: ['url' as const, 'data-uri' as const] };
/**
 * A last frame turns `promptImage` into `[{uri, position: 'first'}, {uri, position: 'last'}]`; only the Veo 3.1
 * models take `position: 'last'` (sdk-node 4.12 `ImageToVideoCreateParams.Veo3_1.PromptImage`).
 */
const lastFrame = {
  field: 'promptImage[1].uri',
  accepts: ['url' as const, 'data-uri' as const],
  requiresFirstFrame: true,
};

const single = { maxVideosPerCall: 1, remix: false, variants: ['video' as const] };

/**
 * Runway's models with their capabilities as data (runwayml/sdk-node 4.12.0 types). Gen-4.5 text-to-video
 * takes only the two 720p ratios, so only those are declared although its image-to-video takes four more.
 * Aleph 2 (`aleph2` on `/v1/video_to_video`) edits a video of up to 30 s; it replaced `gen4_aleph`.
 */
export const runwayOfferings: readonly VideoOffering[] = [
  {
    model: 'runway-gen-4.5',
    upstream: { 'text-to-video': 'gen4.5', 'image-to-video': 'gen4.5' },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      size: { kind: 'list', options: [landscape720, portrait720], default: landscape720 },
      duration: { field: 'duration', format: 'integer', values: durationRange(2, 10), default: 5 },
      audio: undefined,
      image: promptImage,
      ...single,
    },
    parameters: parameters({ audio: false, negativePrompt: false, seed: true }),
    providerParameters: ['contentModeration'],
  },
  {
    model: 'runway-gen-4-turbo',
    upstream: { 'image-to-video': 'gen4_turbo' },
    capabilities: {
      modes: ['image-to-video'],
      size: {
        kind: 'list',
        options: [
          landscape720,
          portrait720,
          ratio(1104, 832, '720p'),
          ratio(832, 1104, '720p'),
          ratio(960, 960, '720p'),
          ratio(1584, 672, '720p'),
        ],
        default: landscape720,
      },
      // The SDK types `duration` as a number; Runway's own examples and pricing use 5 and 10 s.
      duration: { field: 'duration', format: 'integer', values: [5, 10], default: 5 },
      audio: undefined,
      image: promptImage,
      ...single,
    },
    parameters: parameters({ audio: false, negativePrompt: false, seed: true }),
    providerParameters: ['contentModeration'],
  },
  {
    model: 'runway-aleph-2',
    upstream: { 'edit-video': 'aleph2' },
    capabilities: {
      modes: ['edit-video'],
      // The output keeps the source video's size and length; these sizes only price the job by tier.
      size: {
        kind: 'list',
        options: [
          { ...landscape720, wire: {} },
          { ...portrait720, wire: {} },
          { width: 1920, height: 1080, tier: '1080p', wire: {} },
          { width: 1080, height: 1920, tier: '1080p', wire: {} },
        ],
        default: landscape720,
      },
      // An edit has no duration field: Aleph 2 edits clips of 2 to 30 s and keeps their length.
      duration: { field: 'duration', format: 'integer', values: durationRange(2, 30), default: 5 },
      audio: undefined,
      video: { field: 'videoUri', accepts: ['url', 'data-uri'], maxSeconds: 30 },
      ...single,
    },
    parameters: {
      seconds: { how: 'unsupported' },
      size: { how: 'unsupported' },
      aspect_ratio: { how: 'unsupported' },
      resolution: { how: 'unsupported' },
      input_reference: { how: 'unsupported' },
      audio: { how: 'unsupported' },
      negative_prompt: { how: 'unsupported' },
      seed: { how: 'passthrough' },
      n: { how: 'emulated' },
    },
    providerParameters: ['contentModeration', 'keyframes', 'targetAspectRatio'],
  },
  {
    // Seedance 2.0 at Runway: up to 9 reference images in `references` (text-to-video), or first and last frames in
    // `promptImage`; Runway refuses frames and references mixed (sdk-node 4.12 `Seedance2.PromptImage`).
    model: 'seedance-2.0',
    upstream: { 'text-to-video': 'seedance2', 'image-to-video': 'seedance2' },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
      // Runway also takes 480p, 1080p and 4K ratios; only 720p has a published credit rate, so only it is declared.
      size: {
        kind: 'list',
        options: [
          landscape720,
          portrait720,
          ratio(1470, 630, '720p'),
          ratio(1112, 834, '720p'),
          ratio(960, 960, '720p'),
          ratio(834, 1112, '720p'),
        ],
        default: landscape720,
      },
      duration: { field: 'duration', format: 'integer', values: durationRange(4, 15), default: 5 },
      audio: { field: 'audio', default: true },
      image: promptImage,
      lastFrame,
      referenceImages: { field: 'references', accepts: ['url', 'data-uri'], max: 9, excludesFrames: true },
      ...single,
    },
    parameters: parameters({ audio: true, negativePrompt: false, seed: false }),
    providerParameters: ['referenceVideos', 'referenceAudio'],
  },
  ...(['veo-3.1', 'veo-3.1-fast'] as const).map(
    (model): VideoOffering => ({
      model,
      upstream: {
        'text-to-video': model === 'veo-3.1' ? 'veo3.1' : 'veo3.1_fast',
        'image-to-video': model === 'veo-3.1' ? 'veo3.1' : 'veo3.1_fast',
      },
      capabilities: {
        modes: ['text-to-video', 'image-to-video'],
        size: {
          kind: 'list',
          options: [landscape720, portrait720, ratio(1920, 1080, '1080p'), ratio(1080, 1920, '1080p')],
          default: landscape720,
        },
        duration: { field: 'duration', format: 'integer', values: [4, 6, 8], default: 8 },
        audio: { field: 'audio', default: true },
        image: promptImage,
        lastFrame,
        ...single,
      },
      parameters: parameters({ audio: true, negativePrompt: true, seed: false }),
      providerParameters: [],
    }),
  ),
];
