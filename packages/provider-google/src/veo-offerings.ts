import type {
  ImageInputCapability,
  ResolutionTier,
  VideoInputCapability,
  VideoMode,
  VideoOffering,
} from '@reelay/core';

/** Veo 3.1 takes at most three asset reference images (Gemini video guide, Vertex reference-images page). */
export const VEO_MAX_REFERENCE_IMAGES = 3;

/** Veo extends a video by one 7-second segment per call (Vertex "Extend videos" page, Gemini video guide). */
export const VEO_EXTENSION_SECONDS = 7;

/** How one Veo API takes the source video of an extension. */
export type VeoExtension = Pick<VideoInputCapability, 'accepts' | 'maxSeconds'>;

/**
 * A Veo 3.1 offering as both Google APIs describe it (ai.google.dev video guide, Vertex model pages): 16:9 and
 * 9:16, 4/6/8 s in `durationSeconds`, 4k sent as `"4k"`. Every parameter is written flat and sent in
 * `parameters`; the inputs (`lastFrame`, `referenceImages`, `video`) go in `instances[0]`.
 */
export function veoOffering(options: {
  model: string;
  upstream: string;
  tiers: ResolutionTier[];
  /** Gemini API: Veo 3 always makes audio (no `generateAudio`); Vertex: a switch. */
  audioField: string | undefined;
  /** Gemini has no `seed`. */
  seed: boolean;
  /** First-and-last-frame generation (`instances[0].lastFrame`). */
  lastFrame: boolean;
  /** Asset reference images (`instances[0].referenceImages`). */
  referenceImages: boolean;
  /** Video extension (`instances[0].video`), with the forms the API takes the source in. */
  extension: VeoExtension | undefined;
}): VideoOffering {
  const image: ImageInputCapability = { field: 'image', accepts: ['data-uri', 'upload'] };
  const modes: VideoMode[] = ['text-to-video', 'image-to-video'];
  if (options.extension) modes.push('extend-video');
  return {
    model: options.model,
    upstream: {
      'text-to-video': options.upstream,
      'image-to-video': options.upstream,
      ...(options.extension ? { 'extend-video': options.upstream } : {}),
    },
    capabilities: {
      modes,
      size: {
        kind: 'grid',
        aspectRatios: ['16:9', '9:16'],
        tiers: options.tiers,
        default: { aspectRatio: '16:9', tier: '720p' },
        aspectRatioField: 'aspectRatio',
        tierField: 'resolution',
        tierWire: { '2160p': '4k' },
      },
      duration: { field: 'durationSeconds', format: 'integer', values: [4, 6, 8], default: 8 },
      audio: { field: options.audioField, default: true },
      image,
      ...(options.lastFrame
        ? { lastFrame: { ...image, field: 'instances[0].lastFrame', requiresFirstFrame: true } }
        : {}),
      ...(options.referenceImages
        ? {
            referenceImages: {
              ...image,
              field: 'instances[0].referenceImages',
              max: VEO_MAX_REFERENCE_IMAGES,
              // Veo refuses reference images together with a first or last frame.
              excludesFrames: true,
            },
          }
        : {}),
      ...(options.extension
        ? {
            video: {
              field: 'instances[0].video',
              ...options.extension,
              extendDuration: {
                field: 'durationSeconds',
                format: 'integer',
                values: [VEO_EXTENSION_SECONDS],
                default: VEO_EXTENSION_SECONDS,
              },
            },
          }
        : {}),
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: {
      seconds: { how: 'renamed', to: 'durationSeconds' },
      size: { how: 'converted', to: ['aspectRatio', 'resolution'] },
      aspect_ratio: { how: 'renamed', to: 'aspectRatio' },
      resolution: { how: 'converted', to: ['resolution'] },
      input_reference: { how: 'converted', to: ['image'] },
      audio: options.audioField ? { how: 'renamed', to: options.audioField } : { how: 'emulated' },
      negative_prompt: { how: 'renamed', to: 'negativePrompt' },
      seed: options.seed ? { how: 'passthrough' } : { how: 'unsupported' },
      person_generation: { how: 'renamed', to: 'personGeneration' },
      n: { how: 'emulated' },
    },
    providerParameters: ['enhancePrompt'],
  };
}
