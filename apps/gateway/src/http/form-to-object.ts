import { InvalidRequestError, knownRequestFields, type UploadedFile } from '@reelay/core';

const MAX_FIELDS = 200;
const MAX_DEPTH = 4;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parts of a multipart or urlencoded form, in order. */
export type FormEntry = [name: string, value: string | File];

/**
 * A form as the JSON body it stands for. Names use the bracket notation the OpenAI SDK writes
 * (`provider[order][]=fal`, `metadata[team]=a`); files (the images of a create, the video of an extend or edit) become
 * core's `UploadedFile`. Values stay strings where the schema accepts strings; flags and numbers of unknown
 * (passthrough) fields are coerced so providers receive `seed: 42`, not `"42"`.
 */
export async function formToObject(entries: FormEntry[]): Promise<Record<string, unknown>> {
  if (entries.length > MAX_FIELDS) {
    throw new InvalidRequestError({
      message: `The form has ${entries.length} fields; at most ${MAX_FIELDS} are accepted.`,
      code: 'invalid_multipart',
    });
  }
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const path = parseFieldName(name);
    if (typeof value !== 'string') {
      if (!isFileField(path)) {
        throw new InvalidRequestError({
          param: name,
          code: 'invalid_multipart',
          message: `'${name}' is a file, but only ${FILE_FIELDS} may be uploaded as files. Send '${name}' as a text field.`,
        });
      }
      setPath(root, path, await toUploadedFile(value, path[0]!), name);
      continue;
    }
    setPath(root, path, value, name);
  }
  return coerce(root);
}

const FILE_FIELDS = "'input_reference', 'last_frame', 'reference_images[]' and 'video'";

/** The form fields that may carry a file: the images of a create, and the video of an extend or edit. */
function isFileField(path: string[]): boolean {
  const [field, ...rest] = path;
  if (rest.length === 0) return field === 'input_reference' || field === 'last_frame' || field === 'video';
  return field === 'reference_images' && rest.length === 1 && rest[0] === '';
}

async function toUploadedFile(file: File, field: string): Promise<UploadedFile> {
  if (file.size === 0) {
    throw new InvalidRequestError({
      param: field,
      code: field === 'video' ? 'invalid_video' : 'invalid_image',
      message:
        field === 'video'
          ? "'video' is an empty file. Upload an MP4, QuickTime or WebM video."
          : `'${field}' is an empty file. Upload a JPEG, PNG or WebP image.`,
    });
  }
  return {
    kind: 'upload',
    data: new Uint8Array(await file.arrayBuffer()),
    mediaType: file.type || 'application/octet-stream',
    filename: file.name || field,
  };
}

/** `provider[order][]` → `['provider', 'order', '']`; an empty segment means "append". */
export function parseFieldName(name: string): string[] {
  const match = name.match(/^([^[\]]+)((?:\[[^[\]]*\])*)$/);
  if (match === null) {
    throw new InvalidRequestError({
      param: name,
      code: 'invalid_multipart',
      message: `'${name}' is not a valid form field name.`,
    });
  }
  const segments = [match[1]!, ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!)];
  if (segments.length > MAX_DEPTH || segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
    throw new InvalidRequestError({
      param: name,
      code: 'invalid_multipart',
      message: `'${name}' is not an accepted form field name.`,
    });
  }
  return segments;
}

function setPath(root: Record<string, unknown>, path: string[], value: unknown, name: string): void {
  let node: Record<string, unknown> | unknown[] = root;
  for (let index = 0; index < path.length; index += 1) {
    const segment = path[index]!;
    const last = index === path.length - 1;
    if (Array.isArray(node)) {
      if (segment !== '') throw conflict(name);
      if (last) {
        node.push(value);
        return;
      }
      throw conflict(name);
    }
    if (segment === '') throw conflict(name);
    const existing: unknown = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (last) {
      if (existing !== undefined) {
        throw new InvalidRequestError({
          param: name,
          code: 'invalid_multipart',
          message: `'${name}' was sent more than once; send it once.`,
        });
      }
      node[segment] = value;
      return;
    }
    const wantsArray = path[index + 1] === '';
    if (existing === undefined) {
      const child: Record<string, unknown> | unknown[] = wantsArray ? [] : {};
      node[segment] = child;
      node = child;
    } else if (wantsArray ? Array.isArray(existing) : isPlainRecord(existing)) {
      node = existing as Record<string, unknown> | unknown[];
    } else {
      throw conflict(name);
    }
  }
}

function conflict(name: string): InvalidRequestError {
  return new InvalidRequestError({
    param: name,
    code: 'invalid_multipart',
    message: `'${name}' conflicts with another field of the form (a value and an object or list under one name).`,
  });
}

function coerce(root: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(root)) {
    if (typeof value !== 'string') continue;
    if ((key === 'metadata' || key === 'provider') && value.trimStart().startsWith('{')) {
      root[key] = parseJsonField(key, value);
    } else if (!knownRequestFields.has(key)) {
      root[key] = scalar(value);
    }
  }
  const provider = root['provider'];
  if (isPlainRecord(provider) && typeof provider['allow_fallbacks'] === 'string') {
    provider['allow_fallbacks'] = scalar(provider['allow_fallbacks']);
  }
  return root;
}

function parseJsonField(key: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidRequestError({
      param: key,
      code: 'invalid_json',
      message: `'${key}' looks like JSON but does not parse; send valid JSON or use ${key}[name]=value fields.`,
    });
  }
}

function scalar(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(value) && value.length < 16) return Number(value);
  return value;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
