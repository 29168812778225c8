import type { JsonObject } from './json-value';

/** Text-to-video, or image-to-video (the image is the first frame). */
export type VideoMode = 'text-to-video' | 'image-to-video';

/** `16:9`, `9:16`, `1:1`, `21:9`, … */
export type AspectRatio = `${number}:${number}`;

export type Dimensions = { width: number; height: number };

/**
 * A resolution tier. Three families exist in the wild and all are accepted everywhere:
 * - `p` tiers (`480p`, `720p`, `1080p`): the short side in pixels;
 * - K tiers (`0.5K`, `1K`, `2K`, `4K`): an area of (K·1024)² pixels;
 * - megapixel tiers (`0.25MP`, `1MP`): an area of MP·1024² pixels.
 */
export type ResolutionTier = `${number}p` | `${number}K` | `${number}MP`;

/** An explicit size the provider accepts, and the fields that ask for it on the wire. */
export type SizeOption = Dimensions & {
  /** Fields merged into the upstream body when this size is chosen, e.g. `{ size: '1280x720' }`. */
  wire: JsonObject;
  /** The tier this size belongs to, used for pricing (`720p`, `1080p`, …). */
  tier: ResolutionTier;
};

/**
 * What sizes an offering can produce. Exactly one of three shapes:
 * - `list`: an explicit list of sizes (OpenAI `size`, Replicate `portrait|landscape` × `standard|high`);
 * - `grid`: every aspect ratio × every tier (fal `aspect_ratio` + `resolution`);
 * - `range`: any size within pixel limits (clamped keeping the aspect ratio).
 */
export type SizeCapability =
  | { kind: 'list'; options: SizeOption[]; default: Dimensions }
  | {
      kind: 'grid';
      aspectRatios: AspectRatio[];
      tiers: ResolutionTier[];
      default: { aspectRatio: AspectRatio; tier: ResolutionTier };
      /** Upstream field for the aspect ratio; `undefined` means the provider takes no ratio (it follows the image). */
      aspectRatioField: string | undefined;
      /** Upstream field for the tier; `undefined` means the tier is implied by the endpoint. */
      tierField: string | undefined;
      /** Wire value per tier when it differs from the tier name (`{ '1080p': 'high' }`). */
      tierWire?: Partial<Record<ResolutionTier, string>>;
    }
  | {
      kind: 'range';
      minPixels: number;
      maxPixels: number;
      /** Each side must be a multiple of this (often 8 or 16). */
      multipleOf: number;
      maxSide: number;
      default: Dimensions;
      /** How the chosen size is written upstream. */
      wire: 'width-height' | 'size-string';
    };

/** How a duration in seconds is written on the wire. */
export type DurationFormat =
  /** `8` */
  | 'integer'
  /** `"8"` */
  | 'string'
  /** `"8s"` */
  | 'string-with-s';

export type DurationCapability = {
  /** The upstream field (`seconds`, `duration`). */
  field: string;
  format: DurationFormat;
  /** Accepted durations in seconds, ascending. Ranges are expanded by `durationRange()`. */
  values: number[];
  default: number;
};

export type AudioCapability = {
  /** Upstream field switching audio on and off; `undefined` when audio is always on (or always off). */
  field: string | undefined;
  default: boolean;
};

export type ImageInputCapability = {
  /** Upstream field for the first-frame image (`image_url`, `input_reference`). */
  field: string;
  /** Forms the provider accepts, in order of preference. */
  accepts: Array<'url' | 'data-uri' | 'upload'>;
};

/** Everything an offering can do, as data, so routing and matching never guess. */
export type VideoCapabilities = {
  modes: VideoMode[];
  size: SizeCapability;
  duration: DurationCapability;
  /** `undefined` when the model makes silent video only. */
  audio: AudioCapability | undefined;
  /** `undefined` when the model has no image-to-video mode. */
  image: ImageInputCapability | undefined;
  /** How many videos one upstream call can make; above this the gateway emulates `n`. */
  maxVideosPerCall: number;
  /** Whether a finished video can be remixed with a new prompt at this provider. */
  remix: boolean;
  /** Output variants `content()` can return. */
  variants: Array<'video' | 'thumbnail' | 'spritesheet'>;
};
