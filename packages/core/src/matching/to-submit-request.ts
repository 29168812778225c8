import type { VideoOffering } from '../spec/offering';
import type { ImageInput, SubmitRequest, VideoInput } from '../spec/video-provider';
import type { NormalizedRequest } from './match-request';

/** What an adapter receives for a request matched to `offering`: the one place this shape is assembled. */
export function toSubmitRequest(options: {
  offering: VideoOffering;
  normalized: NormalizedRequest;
  prompt: string;
  image: ImageInput | undefined;
  lastFrame?: ImageInput | undefined;
  referenceImages?: ImageInput[] | undefined;
  video?: VideoInput | undefined;
  /** Reelay's job id, sent where the provider echoes a client reference. Default: none. */
  reference?: string | undefined;
  /** Called by adapters right before the create request. Default: does nothing. */
  beforeCreate?: (() => Promise<void>) | undefined;
}): SubmitRequest {
  const { offering, normalized } = options;
  return {
    offering,
    mode: normalized.mode,
    upstreamModel: normalized.upstreamModel,
    prompt: options.prompt,
    body: normalized.body,
    image: options.image,
    lastFrame: options.lastFrame,
    referenceImages: options.referenceImages ?? [],
    video: options.video,
    dimensions: normalized.dimensions,
    tier: normalized.tier,
    seconds: normalized.seconds,
    reference: options.reference,
    beforeCreate: options.beforeCreate ?? noBeforeCreate,
  };
}

async function noBeforeCreate(): Promise<void> {}
