import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
} from '@reelay/core';
import { runwayOfferings } from './runway-offerings';

/** A `SubmitRequest` built the way the gateway builds it: core's matcher, then the adapter. Tests only. */
export function runwaySubmitRequest(
  model: string,
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
): SubmitRequest {
  const offering = runwayOfferings.find((candidate) => candidate.model === model);
  if (!offering) throw new Error(`no runway offering ${model}`);
  const normalized = matchRequest(offering, { extra: {}, ...input, hasImage: image !== undefined });
  return toSubmitRequest({ offering, normalized, prompt, image });
}
