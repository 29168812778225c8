import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  type VideoOffering,
} from '@reelay/core';
import { replicateOfferings } from './replicate-offerings';

/** Test helper: the offering for a catalog model, or a loud failure. */
export function offeringFor(model: string): VideoOffering {
  const offering = replicateOfferings.find((candidate) => candidate.model === model);
  if (!offering) throw new Error(`No Replicate offering for ${model}`);
  return offering;
}

/** Test helper: a SubmitRequest built by core's real matcher, as the gateway would build it. */
export function submitRequest(
  model: string,
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> & { image?: ImageInput } = {},
): SubmitRequest {
  const offering = offeringFor(model);
  const { image, ...rest } = input;
  const normalized = matchRequest(offering, { extra: {}, ...rest, hasImage: image !== undefined });
  return {
    offering,
    mode: normalized.mode,
    upstreamModel: normalized.upstreamModel,
    prompt,
    body: normalized.body,
    image,
    dimensions: normalized.dimensions,
    tier: normalized.tier,
    seconds: normalized.seconds,
  };
}
