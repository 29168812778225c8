import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
} from '@reelay/core';
import { falOfferings } from './fal-offerings';

/** A `SubmitRequest` built the way the gateway builds it: core's matcher, then the adapter. Tests only. */
export function falSubmitRequest(
  model: string,
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
): SubmitRequest {
  const offering = falOfferings.find((candidate) => candidate.model === model);
  if (!offering) throw new Error(`no fal offering ${model}`);
  const normalized = matchRequest(offering, { extra: {}, ...input, hasImage: image !== undefined });
  return toSubmitRequest({ offering, normalized, prompt, image });
}
