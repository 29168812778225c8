import type { Dimensions, ResolutionTier } from '@reelay/core';
import { dimensionsForTier, parseRatio } from '@reelay/core';
import type { FieldRule } from './fal-validation';

/** One fal model endpoint the simulator serves: its input schema and how an input maps to the rendered clip. */
export type FalEndpoint = {
  /** `fal-ai/sora-2/text-to-video/pro`. */
  id: string;
  rules: Record<string, FieldRule>;
  /** Defaults applied before mapping, as the app's pydantic model would. */
  defaults: Record<string, string | number>;
  /** Where the tier comes from; `undefined` when the endpoint has one fixed tier. */
  tierField: string | undefined;
  fixedTier?: ResolutionTier;
  /** Sora also returns a thumbnail, a spritesheet and a `video_id`. */
  sora: boolean;
};

const range = (from: number, to: number, step = 1) => {
  const values: string[] = [];
  for (let value = from; value <= to; value += step) values.push(String(value));
  return values;
};

const prompt: FieldRule = { kind: 'string', required: true, maxLength: 5000 };
const image: FieldRule = { kind: 'string', required: true };
const text: FieldRule = { kind: 'string' };
const flag: FieldRule = { kind: 'boolean' };

const sora = (mode: 'text' | 'image'): FalEndpoint => ({
  id: `fal-ai/sora-2/${mode}-to-video/pro`,
  rules: {
    prompt,
    ...(mode === 'image' ? { image_url: image } : {}),
    resolution: {
      kind: 'literal',
      values: mode === 'image' ? ['auto', '720p', '1080p', 'true_1080p'] : ['720p', '1080p', 'true_1080p'],
    },
    aspect_ratio: { kind: 'literal', values: mode === 'image' ? ['auto', '9:16', '16:9'] : ['9:16', '16:9'] },
    duration: { kind: 'literal', values: range(4, 20, 4) },
    delete_video: flag,
    detect_and_block_ip: flag,
    character_ids: { kind: 'string-list', maxItems: 2 },
  },
  defaults:
    mode === 'image'
      ? { resolution: 'auto', aspect_ratio: 'auto', duration: '4' }
      : { resolution: '1080p', aspect_ratio: '16:9', duration: '4' },
  tierField: 'resolution',
  sora: true,
});

const veo = (mode: 'text' | 'image'): FalEndpoint => ({
  id: mode === 'image' ? 'fal-ai/veo3.1/image-to-video' : 'fal-ai/veo3.1',
  rules: {
    prompt,
    ...(mode === 'image' ? { image_url: image } : {}),
    aspect_ratio: { kind: 'literal', values: mode === 'image' ? ['auto', '16:9', '9:16'] : ['16:9', '9:16'] },
    duration: { kind: 'literal', values: ['4s', '6s', '8s'] },
    resolution: { kind: 'literal', values: ['720p', '1080p', '4k'] },
    generate_audio: flag,
    negative_prompt: text,
    enhance_prompt: flag,
    auto_fix: flag,
    seed: { kind: 'integer', min: 0, max: 2 ** 32 - 1 },
  },
  defaults: { aspect_ratio: mode === 'image' ? 'auto' : '16:9', duration: '8s', resolution: '720p' },
  tierField: 'resolution',
  sora: false,
});

// Kling v3 image-to-video takes the first frame as `start_image_url`, not `image_url`.
const kling = (mode: 'text' | 'image'): FalEndpoint => ({
  id: `fal-ai/kling-video/v3/pro/${mode}-to-video`,
  rules: {
    prompt,
    ...(mode === 'image' ? { start_image_url: image, end_image_url: text } : {}),
    duration: { kind: 'literal', values: range(3, 15) },
    aspect_ratio: { kind: 'literal', values: ['16:9', '9:16', '1:1'] },
    generate_audio: flag,
    negative_prompt: text,
    cfg_scale: { kind: 'number', min: 0, max: 1 },
  },
  defaults: { duration: '5', aspect_ratio: '16:9' },
  tierField: undefined,
  fixedTier: '1080p',
  sora: false,
});

const wan = (mode: 'text' | 'image'): FalEndpoint => ({
  id: `fal-ai/wan/v2.7/${mode}-to-video`,
  rules: {
    prompt,
    ...(mode === 'image' ? { image_url: image } : {}),
    duration: { kind: 'integer', min: 2, max: 15 },
    aspect_ratio: { kind: 'literal', values: ['16:9', '9:16', '1:1', '4:3', '3:4'] },
    resolution: { kind: 'literal', values: ['720p', '1080p'] },
    negative_prompt: text,
    enable_prompt_expansion: flag,
    seed: { kind: 'integer', min: 0, max: 2 ** 31 - 1 },
  },
  defaults: { duration: 5, aspect_ratio: '16:9', resolution: '1080p' },
  tierField: 'resolution',
  sora: false,
});

const seedance = (mode: 'text' | 'image'): FalEndpoint => ({
  id: `bytedance/seedance-2.0/${mode}-to-video`,
  rules: {
    prompt,
    ...(mode === 'image' ? { image_url: image, end_image_url: text } : {}),
    duration: { kind: 'literal', values: ['auto', ...range(4, 15)] },
    aspect_ratio: { kind: 'literal', values: ['auto', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] },
    resolution: { kind: 'literal', values: ['480p', '720p', '1080p'] },
    generate_audio: flag,
    seed: { kind: 'integer', min: -1, max: 2 ** 31 - 1 },
  },
  defaults: { duration: 'auto', aspect_ratio: mode === 'image' ? 'auto' : '16:9', resolution: '720p' },
  tierField: 'resolution',
  sora: false,
});

export const falEndpoints: readonly FalEndpoint[] = [
  sora('text'),
  sora('image'),
  veo('text'),
  veo('image'),
  kling('text'),
  kling('image'),
  wan('text'),
  wan('image'),
  seedance('text'),
  seedance('image'),
];

export function findEndpoint(id: string): FalEndpoint | undefined {
  return falEndpoints.find((endpoint) => endpoint.id === id);
}

/** The clip an accepted input asks for, in pixels and seconds. `auto` values fall back to 16:9, 720p and 5 s. */
export function clipFor(
  endpoint: FalEndpoint,
  input: Record<string, unknown>,
): Dimensions & { seconds: number; audio: boolean } {
  const value = (field: string) => input[field] ?? endpoint.defaults[field];
  const aspect = value('aspect_ratio');
  const ratio = (typeof aspect === 'string' ? parseRatio(aspect) : undefined) ?? 16 / 9;
  const dimensions = dimensionsForTier(tierOf(endpoint, value), ratio);
  const duration = value('duration');
  const seconds = typeof duration === 'number' ? duration : Number.parseInt(String(duration ?? ''), 10) || 5;
  return { ...dimensions, seconds, audio: audioFor(endpoint, input) };
}

/** Sora always has sound; apps with `generate_audio` have it unless it is switched off; others never do. */
function audioFor(endpoint: FalEndpoint, input: Record<string, unknown>): boolean {
  if (endpoint.sora) return true;
  return 'generate_audio' in endpoint.rules && input['generate_audio'] !== false;
}

function tierOf(endpoint: FalEndpoint, value: (field: string) => unknown): ResolutionTier {
  if (endpoint.tierField === undefined) return endpoint.fixedTier ?? '720p';
  const tier = value(endpoint.tierField);
  if (tier === '4k') return '2160p';
  if (tier === 'true_1080p') return '1080p';
  if (typeof tier === 'string' && /^\d+p$/.test(tier)) return tier as ResolutionTier;
  return '720p';
}

/** `fal-ai/sora-2/text-to-video/pro` → `fal-ai/sora-2`: status, result and cancel URLs use only the app. */
export function appOf(endpointId: string): string {
  return endpointId.split('/').slice(0, 2).join('/');
}
