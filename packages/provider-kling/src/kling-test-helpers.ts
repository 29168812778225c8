import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
} from '@reelay/core';
import { klingOfferings } from './kling-offerings';

/** Input files besides the first frame, as the gateway hands them to the adapter. */
export type KlingTestMedia = { lastFrame?: ImageInput; referenceImages?: ImageInput[]; model?: string };

/** A `SubmitRequest` built the way the gateway builds it: core's matcher, then the adapter. Tests only. */
export function klingSubmitRequest(
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
  media: KlingTestMedia = {},
): SubmitRequest {
  const { model = 'kling-3', ...files } = media;
  const offering = klingOfferings.find((candidate) => candidate.model === model);
  if (!offering) throw new Error(`no kling offering ${model}`);
  const normalized = matchRequest(offering, {
    extra: {},
    media: { lastFrame: files.lastFrame !== undefined, referenceImages: files.referenceImages?.length ?? 0 },
    ...input,
    hasImage: image !== undefined,
  });
  return toSubmitRequest({ offering, normalized, prompt, image, ...files });
}
