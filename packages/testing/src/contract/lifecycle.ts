import {
  type Dimensions,
  type ImageInput,
  matchRequest,
  type PollResult,
  type SubmitRequest,
  toSubmitRequest,
  type VideoOffering,
  type VideoProvider,
} from '@reelay/core';
import { renderPng } from '../media';

export function submitRequestFor(
  offering: VideoOffering,
  prompt: string,
  fields: { size?: string; seconds?: number; extra?: Record<string, string>; withImage?: boolean } = {},
): SubmitRequest {
  const normalized = matchRequest(offering, {
    hasImage: fields.withImage === true,
    size: fields.size,
    seconds: fields.seconds,
    extra: fields.extra ?? {},
  });
  const image = fields.withImage ? firstFrameFor(offering, normalized.dimensions) : undefined;
  return toSubmitRequest({ offering, normalized, prompt, image });
}

/** Polls until the job ends, collecting every state seen. Bounded: gives up after `timeoutMs`. */
export async function pollUntilDone(
  provider: VideoProvider,
  operation: Parameters<VideoProvider['poll']>[0],
  timeoutMs = 15_000,
): Promise<{ final: PollResult; seen: PollResult['status'][] }> {
  const seen: PollResult['status'][] = [];
  const giveUpAt = Date.now() + timeoutMs;
  while (Date.now() < giveUpAt) {
    const result = await provider.poll(operation);
    seen.push(result.status);
    if (result.status === 'succeeded' || result.status === 'failed') return { final: result, seen };
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`The job did not finish within ${timeoutMs} ms; states seen: ${seen.join(', ')}`);
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A first frame of the video's own size (OpenAI refuses one that differs), in a form the offering accepts. */
function firstFrameFor(offering: VideoOffering, dimensions: Dimensions): ImageInput {
  const png = renderPng(dimensions);
  const accepts = offering.capabilities.image?.accepts ?? [];
  if (accepts.includes('data-uri'))
    return { kind: 'data-uri', uri: `data:image/png;base64,${Buffer.from(png).toString('base64')}` };
  return { kind: 'upload', data: png, mediaType: 'image/png', filename: 'first-frame.png' };
}
