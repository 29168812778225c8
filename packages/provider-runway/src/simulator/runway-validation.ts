import type { RunwayModelRules } from './runway-models';

/** Runway accepts a data URI image of at most 5 MB (docs.dev.runwayml.com/assets/inputs). */
const MAX_DATA_URI_BYTES = 5 * 1024 * 1024;
const MAX_PROMPT_CHARS = 1000;

/** The first problem with a create body, worded as Runway's `{"error": …}` would be; `undefined` when valid. */
export function validateCreate(
  body: Record<string, unknown>,
  rules: RunwayModelRules,
  imageRequired: boolean,
): string | undefined {
  const prompt = body['promptText'];
  if (prompt !== undefined && typeof prompt !== 'string') return 'promptText: Expected string';
  if (rules.promptRequired && (typeof prompt !== 'string' || prompt.length === 0))
    return 'promptText: Required';
  if (typeof prompt === 'string' && prompt.length > MAX_PROMPT_CHARS)
    return `promptText: String must contain at most ${MAX_PROMPT_CHARS} character(s)`;
  if (typeof body['ratio'] !== 'string' || !rules.ratios.includes(body['ratio']))
    return `ratio: Invalid enum value. Expected ${rules.ratios.map((value) => `'${value}'`).join(' | ')}`;
  const duration = body['duration'];
  if (duration === undefined && rules.durationRequired) return 'duration: Required';
  if (duration !== undefined) {
    if (typeof duration !== 'number' || !Number.isInteger(duration)) return 'duration: Expected integer';
    if (rules.durations && !rules.durations.includes(duration))
      return `duration: Invalid value. Expected ${rules.durations.join(' | ')}`;
  }
  if (imageRequired) {
    const problem = validatePromptImage(body['promptImage'], rules);
    if (problem) return problem;
  }
  if (body['references'] !== undefined) return validateReferences(body['references'], rules);
  return undefined;
}

/** `references: [{uri}]` of a text-to-video call (Seedance 2.0 takes up to 9). */
function validateReferences(value: unknown, rules: RunwayModelRules): string | undefined {
  const max = rules.references ?? 0;
  if (max === 0) return 'references: Unrecognized key for this model';
  if (!Array.isArray(value) || value.length === 0) return 'references: Expected a non-empty array of {uri}';
  if (value.length > max) return `references: Array must contain at most ${max} element(s)`;
  for (const item of value as Array<Record<string, unknown>>) {
    const problem = validateUri(item?.['uri'], 'references.uri');
    if (problem) return problem;
  }
  return undefined;
}

/** The first problem with a `/v1/video_to_video` body other than its video; `undefined` when valid. */
export function validateVideoToVideo(body: Record<string, unknown>): string | undefined {
  const prompt = body['promptText'];
  if (prompt !== undefined && (typeof prompt !== 'string' || prompt.length === 0))
    return 'promptText: Expected a non-empty string';
  if (typeof prompt === 'string' && prompt.length > MAX_PROMPT_CHARS)
    return `promptText: String must contain at most ${MAX_PROMPT_CHARS} character(s)`;
  const seed = body['seed'];
  if (
    seed !== undefined &&
    (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 4294967295)
  )
    return 'seed: Expected an integer from 0 to 4294967295';
  for (const field of ['promptImage', 'references', 'duration'])
    if (body[field] !== undefined) return `${field}: Unrecognized key for model aleph2`;
  return undefined;
}

function validatePromptImage(value: unknown, rules: RunwayModelRules): string | undefined {
  if (value === undefined) return 'promptImage: Required';
  const images =
    typeof value === 'string'
      ? [{ uri: value, position: 'first' }]
      : Array.isArray(value)
        ? (value as Array<Record<string, unknown>>)
        : undefined;
  if (!images || images.length === 0) return 'promptImage: Expected string or array of {uri, position}';
  const references = images.filter((image) => image['position'] === undefined);
  if (references.length > 0) {
    const max = rules.references ?? 0;
    if (max === 0)
      return `promptImage.position: Invalid enum value. Expected ${rules.positions.map((p) => `'${p}'`).join(' | ')}`;
    if (references.length !== images.length)
      return 'promptImage: Use position first/last for keyframe mode, or omit position for reference images. The two modes cannot be mixed.';
    if (references.length > max) return `promptImage: Array must contain at most ${max} element(s)`;
  }
  for (const image of images) {
    const problem = validateUri(image['uri'], 'promptImage');
    if (problem) return problem;
    if (image['position'] === undefined) continue;
    if (typeof image['position'] !== 'string' || !rules.positions.includes(image['position']))
      return `promptImage.position: Invalid enum value. Expected ${rules.positions.map((p) => `'${p}'`).join(' | ')}`;
  }
  if (references.length > 0) return undefined;
  if (images.some((image) => image['position'] === 'last') && !images.some((i) => i['position'] === 'first'))
    return 'promptImage: This model does not support generating with only a last frame';
  const positions = images.map((image) => image['position']);
  if (new Set(positions).size !== positions.length)
    return 'promptImage: each position may be given only once';
  return undefined;
}

function validateUri(uri: unknown, field: string): string | undefined {
  if (typeof uri !== 'string') return `${field}: Expected string`;
  if (uri.startsWith('data:')) {
    const match = /^data:image\/(png|jpeg|jpg|webp);base64,(.+)$/.exec(uri);
    if (!match) return `${field}: data URIs must be base64 PNG, JPEG or WebP images`;
    if (Buffer.byteLength(match[2]!, 'base64') > MAX_DATA_URI_BYTES)
      return `${field}: data URI images must be at most 5MB`;
    return undefined;
  }
  if (uri.startsWith('runway://')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `${field}: Invalid url`;
  }
  // Runway fetches only HTTPS URLs on a domain name; the simulator also takes its own loopback origin.
  if (parsed.protocol !== 'https:' && parsed.hostname !== '127.0.0.1') return `${field}: URLs must use HTTPS`;
  if (uri.length > 2048) return `${field}: URLs must be at most 2048 characters`;
  return undefined;
}
