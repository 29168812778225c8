import { createHash } from 'node:crypto';
import {
  type CreateVideoRequest,
  type JsonObject,
  type JsonValue,
  knownRequestFields,
  type MatchInput,
} from '@reelay/core';
import type { StoredRequest } from '../store';
import type { InputShape } from './input-shape';

/** The validated request in the form stored with the job (the files are stored apart). */
export function toStoredRequest(request: CreateVideoRequest): StoredRequest {
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(request)) {
    if (knownRequestFields.has(key) || value === undefined) continue;
    extra[key] = JSON.parse(JSON.stringify(value)) as JsonValue;
  }
  const stored: StoredRequest = { model: request.model, prompt: request.prompt, extra };
  const seconds = request.seconds ?? request.duration;
  if (seconds !== undefined) stored.seconds = seconds;
  if (request.size !== undefined) stored.size = request.size;
  if (request.aspect_ratio !== undefined) stored.aspect_ratio = request.aspect_ratio;
  if (request.resolution !== undefined) stored.resolution = request.resolution;
  if (request.n !== undefined) stored.n = request.n;
  if (request.audio !== undefined) stored.audio = request.audio;
  if (request.negative_prompt !== undefined) stored.negative_prompt = request.negative_prompt;
  if (request.seed !== undefined) stored.seed = request.seed;
  if (request.source !== undefined) stored.operation = request.source.operation;
  if (request.strict !== undefined) stored.strict = request.strict;
  if (request.webhook_url !== undefined) stored.webhook_url = request.webhook_url;
  if (request.metadata !== undefined) stored.metadata = request.metadata;
  if (request.provider !== undefined) stored.provider = request.provider;
  return stored;
}

/** What matching needs from a stored request. `n` is left out: the engine always emulates it. */
export function toMatchInput(request: StoredRequest, inputs: InputShape): MatchInput {
  const video = inputs.video;
  return {
    seconds: request.seconds,
    size: request.size,
    aspectRatio: request.aspect_ratio,
    resolution: request.resolution,
    audio: request.audio,
    hasImage: inputs.image !== undefined,
    media: { lastFrame: inputs.lastFrame !== undefined, referenceImages: inputs.referenceImages.length },
    negativePrompt: request.negative_prompt,
    seed: request.seed,
    source:
      request.operation && video
        ? { operation: request.operation, dimensions: video.dimensions, seconds: video.seconds }
        : undefined,
    strict: request.strict,
    webhookUrl: request.webhook_url,
    extra: request.extra,
  };
}

/**
 * A digest of the request as understood (after validation, so `seconds: "8"` and `8` are the same request),
 * for Idempotency-Key comparisons. Keys are sorted; an uploaded image counts by its bytes.
 */
export function hashRequest(request: CreateVideoRequest): string {
  const hash = createHash('sha256');
  hash.update(canonicalJson(toStoredRequest(request)));
  const files = [
    ['image', request.input_reference],
    ['last_frame', request.last_frame],
    ...(request.reference_images ?? []).map((image, index) => [`reference_images.${index}`, image] as const),
    ['video', request.source?.video],
  ] as const;
  for (const [name, file] of files) {
    if (file === undefined) continue;
    hash.update(`\0${name}\0`);
    if (typeof file === 'string') hash.update(file);
    else if ('kind' in file) hash.update(file.data);
    else if ('image_url' in file) hash.update(file.image_url);
    else if ('video_url' in file) hash.update(file.video_url);
    else hash.update(`id:${file.id}`);
  }
  return hash.digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}
