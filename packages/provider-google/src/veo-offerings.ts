import type { ResolutionTier, VideoOffering } from '@reelay/core';

/**
 * A Veo 3.1 offering as both Google APIs describe it (ai.google.dev video guide, Vertex model pages): 16:9 and
 * 9:16, 4/6/8 s in `durationSeconds`, 4k sent as `"4k"`. Everything is written flat and sent in `parameters`.
 */
export function veoOffering(options: {
  model: string;
  upstream: string;
  tiers: ResolutionTier[];
  /** Gemini API: Veo 3 always makes audio (no `generateAudio`); Vertex: a switch. */
  audioField: string | undefined;
  /** Gemini has no `seed`. */
  seed: boolean;
}): VideoOffering {
  return {
    model: options.model,
    upstream: { 'text-to-video': options.upstream, 'image-to-video': options.upstream },
    capabilities: {
      modes: ['text-to-video', 'image-to-video'],
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
      image: { field: 'image', accepts: ['data-uri', 'upload'] },
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
