import type { Dimensions } from '@reelay/core';
import { imageDimensions } from './image-dimensions';
import { invalidType, invalidValue, OpenAIRequestError, quoteList } from './openai-errors';
import {
  ALLOWED_SECONDS,
  DEFAULT_MODEL,
  DEFAULT_SECONDS,
  DEFAULT_SIZE,
  IMAGE_TYPES,
  MAX_DATA_URL_BYTES,
  MAX_PROMPT_LENGTH,
  OPENAI_VIDEO_MODELS,
} from './openai-models';
import { type RawBody, rejectUnknown } from './openai-request-body';

/** How the first frame arrived. */
export type ReferenceImage =
  | { kind: 'upload'; contentType: string; dimensions: Dimensions | undefined }
  | { kind: 'data-uri'; contentType: string; dimensions: Dimensions | undefined }
  | { kind: 'url'; url: string }
  | { kind: 'file-id'; fileId: string };

export type CreateParams = {
  prompt: string;
  model: string;
  size: string;
  width: number;
  height: number;
  seconds: string;
  reference: ReferenceImage | undefined;
};

const CREATE_PARAMETERS = ['prompt', 'model', 'seconds', 'size', 'input_reference', 'characters'];

/** Validates a `POST /v1/videos` body with the real API's rules and error wording. */
export function parseCreateParams(body: RawBody, options: { checkImageSize: boolean }): CreateParams {
  rejectUnknown(body, CREATE_PARAMETERS);
  const prompt = parsePrompt(body.fields['prompt']);

  const model = optionalString(body.fields['model'], 'model') ?? DEFAULT_MODEL;
  const sizes = OPENAI_VIDEO_MODELS[model];
  if (sizes === undefined) throw invalidValue('model', model, Object.keys(OPENAI_VIDEO_MODELS));

  const secondsValue = body.fields['seconds'];
  if (secondsValue !== undefined && typeof secondsValue !== 'string') {
    throw invalidType('seconds', `one of ${quoteList(ALLOWED_SECONDS)}`, secondsValue);
  }
  const seconds = secondsValue ?? DEFAULT_SECONDS;
  if (!(ALLOWED_SECONDS as readonly string[]).includes(seconds))
    throw invalidValue('seconds', seconds, ALLOWED_SECONDS);

  const size = optionalString(body.fields['size'], 'size') ?? DEFAULT_SIZE;
  if (!sizes.includes(size)) throw invalidValue('size', size, sizes);
  const [width, height] = size.split('x').map(Number) as [number, number];

  parseCharacters(body.fields['characters']);
  const reference = parseReference(body);
  if (options.checkImageSize && reference !== undefined && 'dimensions' in reference) {
    const dims = reference.dimensions;
    if (dims === undefined) {
      throw new OpenAIRequestError(
        `Invalid file format for 'input_reference'. Supported formats are: ${quoteList(IMAGE_TYPES)}.`,
        'input_reference',
        'invalid_value',
      );
    }
    if (dims.width !== width || dims.height !== height) {
      throw new OpenAIRequestError('Inpaint image must match the requested width and height', null, null);
    }
  }
  return { prompt, model, size, width, height, seconds, reference };
}

/** Validates a `POST /v1/videos/{id}/remix` body: a prompt and nothing else. */
export function parseRemixPrompt(body: RawBody): string {
  rejectUnknown(body, ['prompt']);
  return parsePrompt(body.fields['prompt']);
}

function parsePrompt(value: unknown): string {
  if (value === undefined) {
    throw new OpenAIRequestError(
      "Missing required parameter: 'prompt'.",
      'prompt',
      'missing_required_parameter',
    );
  }
  if (typeof value !== 'string') throw invalidType('prompt', 'a string', value);
  if (value.length === 0) {
    throw new OpenAIRequestError(
      "Invalid 'prompt': empty string. Expected a string with minimum length 1, but got an empty string instead.",
      'prompt',
      'empty_string',
    );
  }
  if (value.length > MAX_PROMPT_LENGTH) {
    throw new OpenAIRequestError(
      `Invalid 'prompt': string too long. Expected a string with maximum length ${MAX_PROMPT_LENGTH}, but got a string with length ${value.length} instead.`,
      'prompt',
      'string_above_max_length',
    );
  }
  return value;
}

function optionalString(value: unknown, param: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidType(param, 'a string', value);
  return value;
}

function parseCharacters(value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw invalidType('characters', 'an array', value);
  if (value.length > 2) {
    throw new OpenAIRequestError(
      `Invalid 'characters': array too long. Expected an array with maximum length 2, but got an array with length ${value.length} instead.`,
      'characters',
      'array_above_max_length',
    );
  }
  value.forEach((item, index) => {
    const id =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['id'] : undefined;
    if (typeof id !== 'string') throw invalidType(`characters[${index}].id`, 'a string', id);
  });
}

function parseReference(body: RawBody): ReferenceImage | undefined {
  const file = body.files['input_reference'];
  if (file !== undefined) {
    if (!(IMAGE_TYPES as readonly string[]).includes(file.contentType)) {
      throw new OpenAIRequestError(
        `Invalid file 'input_reference': unsupported mimetype ('${file.contentType}'). Supported file formats are ${quoteList(IMAGE_TYPES)}.`,
        'input_reference',
        'unsupported_file_mimetype',
      );
    }
    return { kind: 'upload', contentType: file.contentType, dimensions: imageDimensions(file.data) };
  }
  const value = body.fields['input_reference'];
  if (value === undefined) return undefined;
  if (body.multipart || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidType('input_reference', body.multipart ? 'a file' : 'an object', value);
  }
  const reference = value as Record<string, unknown>;
  for (const key of Object.keys(reference)) {
    if (key !== 'image_url' && key !== 'file_id') {
      throw new OpenAIRequestError(
        `Unknown parameter: 'input_reference.${key}'.`,
        `input_reference.${key}`,
        'unknown_parameter',
      );
    }
  }
  const imageUrl = reference['image_url'];
  const fileId = reference['file_id'];
  if ((imageUrl === undefined) === (fileId === undefined)) {
    throw new OpenAIRequestError(
      "Invalid 'input_reference': provide exactly one of 'image_url' or 'file_id'.",
      'input_reference',
      'invalid_value',
    );
  }
  if (fileId !== undefined) {
    if (typeof fileId !== 'string') throw invalidType('input_reference.file_id', 'a string', fileId);
    throw new OpenAIRequestError(
      `No such File object: ${fileId}`,
      'input_reference.file_id',
      'invalid_value',
      404,
    );
  }
  if (typeof imageUrl !== 'string') throw invalidType('input_reference.image_url', 'a string', imageUrl);
  if (imageUrl.startsWith('data:')) return parseDataUrl(imageUrl);
  if (!/^https?:\/\//.test(imageUrl)) {
    throw new OpenAIRequestError(
      "Invalid 'input_reference.image_url': expected a URL starting with 'https://' or a base64 'data:' URL.",
      'input_reference.image_url',
      'invalid_value',
    );
  }
  return { kind: 'url', url: imageUrl };
}

function parseDataUrl(url: string): ReferenceImage {
  const match = /^data:([\w/+.-]+);base64,(.*)$/s.exec(url);
  const contentType = match?.[1];
  if (
    match === null ||
    contentType === undefined ||
    !(IMAGE_TYPES as readonly string[]).includes(contentType)
  ) {
    throw new OpenAIRequestError(
      `Invalid 'input_reference.image_url': expected a base64 data URL of one of ${quoteList(IMAGE_TYPES)}.`,
      'input_reference.image_url',
      'invalid_image_url',
    );
  }
  const bytes = Buffer.from(match[2] ?? '', 'base64');
  if (bytes.byteLength > MAX_DATA_URL_BYTES) {
    throw new OpenAIRequestError(
      "Invalid 'input_reference.image_url': the image is larger than the 20 MiB limit.",
      'input_reference.image_url',
      'image_too_large',
    );
  }
  return { kind: 'data-uri', contentType, dimensions: imageDimensions(new Uint8Array(bytes)) };
}
