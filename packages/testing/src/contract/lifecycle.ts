import {
  type ContentResult,
  type Dimensions,
  fetchOutput,
  type ImageInput,
  matchRequest,
  type PollResult,
  type SubmitRequest,
  toSubmitRequest,
  type VideoOffering,
  type VideoOperation,
  type VideoOutputFile,
  type VideoProvider,
} from '@reelay/core';
import { createSafeFetcher } from '@reelay/provider-utils';
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

/**
 * One output's bytes the way the engine gets them: through the plugin's `content()` where it has one,
 * otherwise downloaded from the output URL by a safe fetcher (no credentials) that trusts only the given
 * origins (the simulator's).
 */
export async function openOutput(options: {
  provider: VideoProvider;
  operation: VideoOperation;
  outputs: VideoOutputFile[];
  variant?: VideoOutputFile['variant'];
  trustedOrigins: string[];
}): Promise<ContentResult> {
  const fetcher = createSafeFetcher({ trustedOrigins: options.trustedOrigins });
  const content = await fetchOutput({ ...options, variant: options.variant ?? 'video', fetcher });
  // The fetcher's connections close once the body has been read (or given up on).
  const closing = new TransformStream<Uint8Array, Uint8Array>({ flush: () => fetcher.close() });
  return { ...content, body: content.body.pipeThrough(closing) };
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
