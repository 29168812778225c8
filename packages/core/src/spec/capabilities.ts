import { z } from 'zod';
import { jsonObjectSchema } from './json-value';
import { wirePathSchema } from './wire-path';

/**
 * What a job does: text-to-video, image-to-video (the image is the first frame), or a new video made from an
 * existing one: `extend-video` continues it, `edit-video` changes it as the prompt says.
 */
export const videoModeSchema = z.enum(['text-to-video', 'image-to-video', 'extend-video', 'edit-video']);
export type VideoMode = z.infer<typeof videoModeSchema>;

/** `16:9`, `9:16`, `1:1`, `21:9`, … */
const ASPECT_RATIO_MESSAGE = 'must be "W:H" in whole numbers, e.g. "16:9"';
export const aspectRatioSchema = z
  .templateLiteral([z.number(), ':', z.number()], { error: ASPECT_RATIO_MESSAGE })
  .refine((value) => /^\d{1,5}:\d{1,5}$/.test(value), ASPECT_RATIO_MESSAGE);
export type AspectRatio = z.infer<typeof aspectRatioSchema>;

export const dimensionsSchema = z.strictObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Dimensions = z.infer<typeof dimensionsSchema>;

/**
 * A resolution tier. Three families exist in the wild and all are accepted everywhere:
 * - `p` tiers (`480p`, `720p`, `1080p`): the short side in pixels;
 * - K tiers (`0.5K`, `1K`, `2K`, `4K`): an area of (K·1024)² pixels;
 * - megapixel tiers (`0.25MP`, `1MP`): an area of MP·1024² pixels.
 */
const TIER_MESSAGE = 'must be a tier such as "720p", "2K" or "1MP"';
export const resolutionTierSchema = z
  .union(
    [
      z.templateLiteral([z.number(), 'p']),
      z.templateLiteral([z.number(), 'K']),
      z.templateLiteral([z.number(), 'MP']),
    ],
    { error: TIER_MESSAGE },
  )
  .refine((value) => /^\d+(\.\d+)?(p|K|MP)$/.test(value), TIER_MESSAGE);
export type ResolutionTier = z.infer<typeof resolutionTierSchema>;

/** An explicit size the provider accepts, and the fields that ask for it on the wire. */
export const sizeOptionSchema = z.strictObject({
  ...dimensionsSchema.shape,
  /**
   * Fields set in the upstream body when this size is chosen, e.g. `{ size: '1280x720' }`. Keys are wire
   * paths, so `{ 'parameters.resolution': '720p' }` writes a nested field.
   */
  wire: jsonObjectSchema,
  /** The tier this size belongs to, used for pricing (`720p`, `1080p`, …). */
  tier: resolutionTierSchema,
});
export type SizeOption = z.infer<typeof sizeOptionSchema>;

const listSizeSchema = z.strictObject({
  kind: z.literal('list'),
  options: z.array(sizeOptionSchema).min(1),
  /** The size made when none is asked; one of the options may be given as is (its other fields are ignored). */
  default: z.object(dimensionsSchema.shape),
});

const gridSizeSchema = z.strictObject({
  kind: z.literal('grid'),
  aspectRatios: z.array(aspectRatioSchema).min(1),
  tiers: z.array(resolutionTierSchema).min(1),
  default: z.strictObject({ aspectRatio: aspectRatioSchema, tier: resolutionTierSchema }),
  /** Wire path for the aspect ratio; `undefined` means the provider takes no ratio (it follows the image). */
  aspectRatioField: wirePathSchema.optional(),
  /** Wire path for the tier; `undefined` means the tier is implied by the endpoint. */
  tierField: wirePathSchema.optional(),
  /** Wire value per tier when it differs from the tier name (`{ '1080p': 'high' }`). */
  tierWire: z.partialRecord(resolutionTierSchema, z.string()).optional(),
});

const rangeSizeSchema = z.strictObject({
  kind: z.literal('range'),
  minPixels: z.number().int().positive(),
  maxPixels: z.number().int().positive(),
  /** Each side must be a multiple of this (often 8 or 16). */
  multipleOf: z.number().int().positive(),
  maxSide: z.number().int().positive(),
  default: dimensionsSchema,
  /** How the chosen size is written upstream. */
  wire: z.enum(['width-height', 'size-string']),
});

/**
 * What sizes an offering can produce. Exactly one of three shapes:
 * - `list`: an explicit list of sizes (OpenAI `size`, Replicate `portrait|landscape` × `standard|high`);
 * - `grid`: every aspect ratio × every tier (fal `aspect_ratio` + `resolution`);
 * - `range`: any size within pixel limits (clamped keeping the aspect ratio).
 */
export const sizeCapabilitySchema = z.discriminatedUnion('kind', [
  listSizeSchema,
  gridSizeSchema,
  rangeSizeSchema,
]);
export type SizeCapability = z.infer<typeof sizeCapabilitySchema>;

/** How a duration in seconds is written on the wire: `8`, `"8"` or `"8s"`. */
export const durationFormatSchema = z.enum(['integer', 'string', 'string-with-s']);
export type DurationFormat = z.infer<typeof durationFormatSchema>;

export const durationCapabilitySchema = z.strictObject({
  /** The upstream wire path (`seconds`, `duration`, `parameters.durationSeconds`). */
  field: wirePathSchema,
  format: durationFormatSchema,
  /** Accepted durations in seconds, ascending. Ranges are expanded by `durationRange()`. */
  values: z.array(z.number().positive()).min(1),
  default: z.number().positive(),
});
export type DurationCapability = z.infer<typeof durationCapabilitySchema>;

export const audioCapabilitySchema = z.strictObject({
  /** Wire path switching audio on and off; `undefined` when audio is always on (or always off). */
  field: wirePathSchema.optional(),
  default: z.boolean(),
});
export type AudioCapability = z.infer<typeof audioCapabilitySchema>;

export const imageInputFormSchema = z.enum(['url', 'data-uri', 'upload']);

export const imageInputCapabilitySchema = z.strictObject({
  /** Wire path for the first-frame image (`image_url`, `input_reference`, `instances[0].image`). */
  field: wirePathSchema,
  /** Forms the provider accepts, in order of preference. */
  accepts: z.array(imageInputFormSchema).min(1),
});
export type ImageInputCapability = z.infer<typeof imageInputCapabilitySchema>;

export const referenceImagesCapabilitySchema = z.strictObject({
  ...imageInputCapabilitySchema.shape,
  /** The most reference images one call takes. */
  max: z.number().int().positive(),
  /** True where reference images cannot be sent with a first or last frame (a mode of their own). Undefined: false. */
  excludesFrames: z.boolean().optional(),
});
export type ReferenceImagesCapability = z.infer<typeof referenceImagesCapabilitySchema>;

export const videoInputFormSchema = z.enum(['url', 'data-uri', 'upload']);

/** A source video for `extend-video` and `edit-video`. */
export const videoInputCapabilitySchema = z.strictObject({
  /** Wire path for the source video (`video.url`, `videoUri`, `instances[0].video`). */
  field: wirePathSchema,
  /** Forms the provider accepts, in order of preference. */
  accepts: z.array(videoInputFormSchema).min(1),
  /** The longest source video the provider takes, in seconds. Undefined: no stated limit. */
  maxSeconds: z.number().positive().optional(),
  /** Durations of the new segment in `extend-video`, when they differ from `duration`. */
  extendDuration: durationCapabilitySchema.optional(),
});
export type VideoInputCapability = z.infer<typeof videoInputCapabilitySchema>;

export const outputVariantSchema = z.enum(['video', 'thumbnail', 'spritesheet']);
export type OutputVariant = z.infer<typeof outputVariantSchema>;

/** Everything an offering can do, as data, so routing and matching never guess. */
export const videoCapabilitiesSchema = z.strictObject({
  modes: z.array(videoModeSchema).min(1),
  size: sizeCapabilitySchema,
  duration: durationCapabilitySchema,
  /** `undefined` when the model makes silent video only. */
  audio: audioCapabilitySchema.optional(),
  /** `undefined` when the model has no image-to-video mode. */
  image: imageInputCapabilitySchema.optional(),
  /** A last frame besides the first (first-and-last-frame generation). `undefined`: not offered. */
  lastFrame: z
    .strictObject({
      ...imageInputCapabilitySchema.shape,
      /** True where a last frame is taken only together with a first frame. Undefined: false. */
      requiresFirstFrame: z.boolean().optional(),
    })
    .optional(),
  /** Reference images that guide subjects and style without being a frame. `undefined`: not offered. */
  referenceImages: referenceImagesCapabilitySchema.optional(),
  /** The source video of `extend-video` and `edit-video` modes. `undefined`: neither mode. */
  video: videoInputCapabilitySchema.optional(),
  /** How many videos one upstream call can make; above this the gateway emulates `n`. Default 1. */
  maxVideosPerCall: z.number().int().positive().default(1),
  /** Whether a finished video can be remixed with a new prompt at this provider. Default false. */
  remix: z.boolean().default(false),
  /** Output variants `content()` can return. Default `['video']`. */
  variants: z.array(outputVariantSchema).min(1).default(['video']),
});
export type VideoCapabilities = z.infer<typeof videoCapabilitiesSchema>;
