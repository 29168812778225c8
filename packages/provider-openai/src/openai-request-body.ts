import type { JsonObject, JsonValue, SubmitRequest } from '@reelay/core';

/**
 * The `POST /videos` body: JSON, or multipart when an image is uploaded (the file goes in the
 * `input_reference` part). A URL or data URI goes in JSON as `input_reference: { image_url }`.
 * `request.body` (matched fields and passed-through parameters) is sent as is.
 */
export function buildCreateBody(request: SubmitRequest): JsonObject | FormData {
  const fields: JsonObject = { ...request.body, model: request.upstreamModel, prompt: request.prompt };
  const image = request.image;
  if (image === undefined) return fields;
  if (image.kind === 'url') return { ...fields, input_reference: { image_url: image.url } };
  if (image.kind === 'data-uri') return { ...fields, input_reference: { image_url: image.uri } };

  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    const text = toFormValue(value);
    if (text !== undefined) form.append(key, text);
  }
  const bytes = new Uint8Array(image.data);
  form.append('input_reference', new Blob([bytes], { type: image.mediaType }), image.filename);
  return form;
}

/** Multipart carries text only: strings as they are, other values as JSON, `null` left out. */
function toFormValue(value: JsonValue): string | undefined {
  if (value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
