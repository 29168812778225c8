import {
  type ImageInput,
  type MatchInput,
  matchRequest,
  type SubmitRequest,
  toSubmitRequest,
} from '@reelay/core';
import { openAIOfferings } from '../openai-offerings';

/** A SubmitRequest built the real way: public input → `matchRequest` → what an adapter receives. */
export function submitRequestFor(
  model: 'sora-2' | 'sora-2-pro',
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
): SubmitRequest {
  const offering = openAIOfferings.find((candidate) => candidate.model === model);
  if (!offering) throw new Error(`no offering ${model}`);
  const normalized = matchRequest(offering, { extra: {}, ...input, hasImage: image !== undefined });
  return toSubmitRequest({ offering, normalized, prompt, image });
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}
