import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
} from '@reelay/core';
import { klingOfferings } from './kling-offerings';

/** A `SubmitRequest` built the way the gateway builds it: core's matcher, then the adapter. Tests only. */
export function klingSubmitRequest(
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
): SubmitRequest {
  const offering = klingOfferings[0]!;
  const normalized = matchRequest(offering, { extra: {}, ...input, hasImage: image !== undefined });
  return toSubmitRequest({ offering, normalized, prompt, image });
}
