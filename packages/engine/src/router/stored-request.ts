import { createHash } from 'node:crypto';
import {
  type CreateVideoRequest,
  type JsonObject,
  type JsonValue,
  knownRequestFields,
  type MatchInput,
} from '@reelay/core';
import type { StoredRequest } from '../store';

/** The validated request in the form stored with the job (the image is stored apart). */
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
  if (request.strict !== undefined) stored.strict = request.strict;
  if (request.webhook_url !== undefined) stored.webhook_url = request.webhook_url;
  if (request.metadata !== undefined) stored.metadata = request.metadata;
  if (request.provider !== undefined) stored.provider = request.provider;
  return stored;
}

/** What matching needs from a stored request. `n` is left out: the engine always emulates it. */
export function toMatchInput(request: StoredRequest, hasImage: boolean): MatchInput {
  return {
    seconds: request.seconds,
    size: request.size,
    aspectRatio: request.aspect_ratio,
    resolution: request.resolution,
    audio: request.audio,
    hasImage,
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
  const image = request.input_reference;
  if (image !== undefined) {
    hash.update('\0image\0');
    if (typeof image === 'string') hash.update(image);
    else if ('kind' in image) hash.update(image.data);
    else hash.update(image.image_url);
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
