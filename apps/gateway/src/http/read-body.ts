import { InvalidRequestError } from '@reelay/core';
import type { Context } from 'hono';
import { type FormEntry, formToObject } from './form-to-object';

/**
 * The request body as an object, from JSON, multipart/form-data (the OpenAI SDK's `videos.create`) or a
 * urlencoded form (`curl -d` without a content type). Every failure is a 4xx naming what to send instead.
 */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const contentType = (c.req.header('content-type') ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  if (mediaType === 'multipart/form-data') return formToObject(await readMultipart(c));
  if (mediaType === 'application/x-www-form-urlencoded') {
    const text = await c.req.text();
    // `curl -d '{...}'` without -H sends JSON labelled as a form
    if (text.trimStart().startsWith('{')) return readJson(text);
    return formToObject([...new URLSearchParams(text).entries()]);
  }
  if (mediaType === '' || mediaType === 'application/json' || mediaType.endsWith('+json')) {
    return readJson(await c.req.text());
  }
  throw new InvalidRequestError({
    status: 415,
    code: 'unsupported_media_type',
    message: `Content-Type '${mediaType}' is not accepted. Send application/json or multipart/form-data.`,
  });
}

/** Parses a JSON body that must be an object. */
export function readJson(text: string): Record<string, unknown> {
  if (text.trim() === '') {
    throw new InvalidRequestError({
      code: 'missing_body',
      message: 'The request body is empty. Send a JSON object.',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError({
      code: 'invalid_json',
      message: `The request body is not valid JSON (${(error as Error).message}). Send a JSON object.`,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError({
      code: 'invalid_json',
      message: `The request body must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
    });
  }
  return value as Record<string, unknown>;
}

async function readMultipart(c: Context): Promise<FormEntry[]> {
  try {
    const form = await c.req.raw.formData();
    return [...form.entries()] as FormEntry[];
  } catch {
    throw new InvalidRequestError({
      code: 'invalid_multipart',
      message:
        'The multipart body could not be parsed. Check the boundary in Content-Type and that every part is terminated.',
    });
  }
}
