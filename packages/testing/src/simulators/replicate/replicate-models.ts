import type { Dimensions, ResolutionTier } from '@reelay/core';
import { dimensionsForTier, parseRatio } from '@reelay/core';

/** One input field of a model's OpenAPI schema, reduced to what the simulator validates. */
export type InputField =
  | { type: 'string'; enum?: string[]; default?: string; required?: boolean; secret?: boolean }
  | { type: 'integer'; enum?: number[]; minimum?: number; maximum?: number; default?: number }
  | { type: 'boolean'; default?: boolean }
  /** A file input: an http(s) URL or a `data:` URI. */
  | { type: 'uri' };

export type SimulatedModel = {
  /** `owner/name`. */
  id: string;
  input: Record<string, InputField>;
  /** The field holding the duration in seconds. */
  durationField: string;
  /** Pixels the model renders for a validated input (defaults applied). */
  dimensions(input: Record<string, unknown>): Dimensions;
  /** Whether the output has sound for a validated input; `undefined`: never (a silent model). */
  audio?(input: Record<string, unknown>): boolean;
  /** Cross-field rules the schema cannot express; returns `[field, message]` when broken. */
  check?(input: Record<string, unknown>): [string, string] | undefined;
};

const SORA_SIZES: Record<string, Dimensions> = {
  'portrait/standard': { width: 720, height: 1280 },
  'landscape/standard': { width: 1280, height: 720 },
  'portrait/high': { width: 1024, height: 1792 },
  'landscape/high': { width: 1792, height: 1024 },
};

const prompt: InputField = { type: 'string', required: true };
const ratios3 = ['16:9', '9:16', '1:1'];

/** Grid models: the size the tier means at the ratio, as `dimensionsForTier` (and so the offerings) compute it. */
function gridDimensions(ratioText: string, tier: ResolutionTier): Dimensions {
  return dimensionsForTier(tier, parseRatio(ratioText) ?? 16 / 9);
}

function text(input: Record<string, unknown>, field: string): string {
  return String(input[field]);
}

/** The official models the simulator serves, with the input schemas Replicate publishes for them. */
export const SIMULATED_MODELS: SimulatedModel[] = [
  {
    id: 'openai/sora-2-pro',
    input: {
      prompt,
      seconds: { type: 'integer', enum: [4, 8, 12, 16, 20], default: 4 },
      aspect_ratio: { type: 'string', enum: ['portrait', 'landscape'], default: 'portrait' },
      resolution: { type: 'string', enum: ['standard', 'high'], default: 'standard' },
      input_reference: { type: 'uri' },
      openai_api_key: { type: 'string', secret: true },
    },
    durationField: 'seconds',
    // Sora 2 always generates sound.
    audio: () => true,
    dimensions: (input) =>
      SORA_SIZES[`${text(input, 'aspect_ratio')}/${text(input, 'resolution')}`] ?? {
        width: 720,
        height: 1280,
      },
  },
  {
    id: 'kwaivgi/kling-v3-video',
    input: {
      prompt,
      negative_prompt: { type: 'string' },
      start_image: { type: 'uri' },
      end_image: { type: 'uri' },
      aspect_ratio: { type: 'string', enum: ratios3, default: '16:9' },
      resolution: { type: 'string', enum: ['720p', '1080p'], default: '720p' },
      duration: { type: 'integer', minimum: 3, maximum: 15, default: 5 },
      generate_audio: { type: 'boolean', default: false },
    },
    durationField: 'duration',
    audio: (input) => input['generate_audio'] === true,
    dimensions: (input) =>
      gridDimensions(text(input, 'aspect_ratio'), text(input, 'resolution') as ResolutionTier),
  },
  {
    id: 'wan-video/wan-2.7-t2v',
    input: {
      prompt,
      negative_prompt: { type: 'string' },
      aspect_ratio: { type: 'string', enum: ratios3, default: '16:9' },
      resolution: { type: 'string', enum: ['720p', '1080p'], default: '720p' },
      duration: { type: 'integer', minimum: 2, maximum: 15, default: 5 },
      seed: { type: 'integer' },
      enable_prompt_expansion: { type: 'boolean', default: true },
    },
    durationField: 'duration',
    dimensions: (input) =>
      gridDimensions(text(input, 'aspect_ratio'), text(input, 'resolution') as ResolutionTier),
  },
  {
    id: 'bytedance/seedance-2.0-fast',
    input: {
      prompt,
      image: { type: 'uri' },
      last_frame_image: { type: 'uri' },
      aspect_ratio: { type: 'string', enum: ratios3, default: '16:9' },
      resolution: { type: 'string', enum: ['480p', '720p'], default: '720p' },
      duration: { type: 'integer', minimum: 4, maximum: 15, default: 5 },
      camera_fixed: { type: 'boolean', default: false },
      seed: { type: 'integer' },
    },
    durationField: 'duration',
    dimensions: (input) =>
      gridDimensions(text(input, 'aspect_ratio'), text(input, 'resolution') as ResolutionTier),
  },
  {
    id: 'minimax/hailuo-2.3',
    input: {
      prompt,
      first_frame_image: { type: 'uri' },
      resolution: { type: 'string', enum: ['768p', '1080p'], default: '768p' },
      duration: { type: 'integer', enum: [6, 10], default: 6 },
      prompt_optimizer: { type: 'boolean', default: true },
    },
    durationField: 'duration',
    dimensions: (input) => gridDimensions('16:9', text(input, 'resolution') as ResolutionTier),
    check: (input) =>
      input['resolution'] === '1080p' && input['duration'] !== 6
        ? ['duration', 'duration 10 is only supported at 768p; 1080p videos are 6 seconds']
        : undefined,
  },
  {
    id: 'luma/ray-2-720p',
    input: {
      prompt,
      start_image: { type: 'uri' },
      end_image: { type: 'uri' },
      aspect_ratio: {
        type: 'string',
        enum: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', '9:21'],
        default: '16:9',
      },
      duration: { type: 'integer', enum: [5, 9], default: 5 },
      loop: { type: 'boolean', default: false },
    },
    durationField: 'duration',
    dimensions: (input) => gridDimensions(text(input, 'aspect_ratio'), '720p'),
  },
  {
    id: 'runwayml/gen-4.5',
    input: {
      prompt,
      image: { type: 'uri' },
      aspect_ratio: { type: 'string', enum: ratios3, default: '16:9' },
      duration: { type: 'integer', enum: [5, 10], default: 5 },
      seed: { type: 'integer' },
    },
    durationField: 'duration',
    dimensions: (input) => gridDimensions(text(input, 'aspect_ratio'), '720p'),
  },
];

export function findSimulatedModel(id: string): SimulatedModel | undefined {
  return SIMULATED_MODELS.find((model) => model.id === id);
}
