import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
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
  return toSubmitRequest({ offering, normalized, prompt, image });
}
