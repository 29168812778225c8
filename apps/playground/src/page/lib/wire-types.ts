import type {
  AudioCapability,
  ModelCard as CoreModelCard,
  SizeCapability as CoreSizeCapability,
  VideoMode as CoreVideoMode,
  CreateVideoRequestInput,
  DurationCapability,
  ImageInputCapability,
  ModelProviderCard,
  SizeOption,
} from '@reelay/core';

/**
 * The parts of core's wire types (`@reelay/core`) that the page reads of `GET /v1/models`. The page is an
 * ordinary API client: its parser fills defaults for missing fields and drops what it cannot read, so these
 * are core's shapes narrowed to what the controls use, never shapes of their own. The video object, the list
 * and the dry-run answer are used as core declares them.
 */

/** The modes the page's form offers. */
export type VideoMode = Extract<CoreVideoMode, 'text-to-video' | 'image-to-video'>;

type ListSize = Extract<CoreSizeCapability, { kind: 'list' }>;
type GridSize = Extract<CoreSizeCapability, { kind: 'grid' }>;
type RangeSize = Extract<CoreSizeCapability, { kind: 'range' }>;

export type SizeCapability =
  | (Pick<ListSize, 'kind' | 'default'> & { options: Array<Pick<SizeOption, 'width' | 'height' | 'tier'>> })
  | Pick<GridSize, 'kind' | 'aspectRatios' | 'tiers' | 'default'>
  | Pick<RangeSize, 'kind' | 'minPixels' | 'maxPixels' | 'default'>;

export type Capabilities = {
  modes: VideoMode[];
  size: SizeCapability;
  duration: Pick<DurationCapability, 'values' | 'default'>;
  audio: AudioCapability | undefined;
  image: Pick<ImageInputCapability, 'field' | 'accepts'> | undefined;
};

export type ProviderCard = Pick<ModelProviderCard, 'provider' | 'id'> & {
  price: Pick<NonNullable<ModelProviderCard['price']>, 'display' | 'unit' | 'estimated' | 'as_of'> | null;
  capabilities: Capabilities;
};

export type ModelCard = Omit<CoreModelCard, 'object' | 'created' | 'modes' | 'providers'> & {
  modes: VideoMode[];
  providers: ProviderCard[];
};

/** The body of `POST /v1/videos` the page sends, in the order snippets print it. */
export type VideoRequestBody = Pick<
  CreateVideoRequestInput,
  'model' | 'prompt' | 'size' | 'aspect_ratio' | 'resolution' | 'audio'
> & { seconds?: string; input_reference?: string };
