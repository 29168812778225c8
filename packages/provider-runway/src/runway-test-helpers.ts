import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
  type VideoInput,
} from '@reelay/core';
import { runwayOfferings } from './runway-offerings';

/** Input files besides the first frame, as the gateway hands them to the adapter. */
export type RunwayTestMedia = {
  lastFrame?: ImageInput;
  referenceImages?: ImageInput[];
  video?: VideoInput;
};

/** A `SubmitRequest` built the way the gateway builds it: core's matcher, then the adapter. Tests only. */
export function runwaySubmitRequest(
  model: string,
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
  media: RunwayTestMedia = {},
): SubmitRequest {
  const offering = runwayOfferings.find((candidate) => candidate.model === model);
  if (!offering) throw new Error(`no runway offering ${model}`);
  const normalized = matchRequest(offering, {
    extra: {},
    media: { lastFrame: media.lastFrame !== undefined, referenceImages: media.referenceImages?.length ?? 0 },
    ...input,
    hasImage: image !== undefined,
  });
  return toSubmitRequest({ offering, normalized, prompt, image, ...media });
}
