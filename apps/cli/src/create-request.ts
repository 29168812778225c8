import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { usageError } from './cli-error';
import type { Io } from './io';
import { numberFlag } from './parse-flags';

export const requestFlags = {
  model: { type: 'string', short: 'm' },
  seconds: { type: 'string', short: 's' },
  size: { type: 'string' },
  'aspect-ratio': { type: 'string' },
  resolution: { type: 'string' },
  image: { type: 'string' },
  n: { type: 'string' },
  audio: { type: 'boolean' },
  'no-audio': { type: 'boolean' },
  strict: { type: 'boolean' },
  'provider-option': { type: 'string', multiple: true },
  only: { type: 'string' },
  ignore: { type: 'string' },
} as const;

export const requestFlagHelp: Record<string, string> = {
  model: 'model id (veo-3.1) or provider/model (fal/veo-3.1) — required',
  seconds: 'duration in seconds',
  size: 'WxH (1280x720) or W:H (16:9)',
  'aspect-ratio': 'W:H, e.g. 16:9',
  resolution: 'tier: 480p, 720p, 1080p, 1K, 4K, 1MP',
  image: 'first-frame image: a file path, an https URL or a data: URI (image-to-video)',
  n: 'number of videos (1–8)',
  'audio / --no-audio': 'ask for sound, or for silent video',
  strict: 'refuse instead of adjusting size or duration',
  'provider-option':
    'key=value passed to the provider as is (repeatable; value parsed as JSON when it is JSON)',
  only: 'comma-separated providers to use only',
  ignore: 'comma-separated providers never to use',
};

type Flags = {
  [K in keyof typeof requestFlags]?: (typeof requestFlags)[K] extends { multiple: true }
    ? string[]
    : (typeof requestFlags)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** The create body from flags: JSON, or multipart when a local image file is uploaded. */
export async function buildCreateRequest(
  io: Io,
  prompt: string,
  flags: Flags,
): Promise<Record<string, unknown>> {
  if (!flags.model)
    throw usageError("--model is required, e.g. --model veo-3.1. List models with 'reelay models'.");
  if (flags.audio && flags['no-audio'])
    throw usageError('--audio and --no-audio contradict each other; pass one.');
  const body: Record<string, unknown> = { model: flags.model, prompt };
  const seconds = numberFlag(flags.seconds, 'seconds', { min: 0.1 });
  if (seconds !== undefined) body['seconds'] = seconds;
  if (flags.size) body['size'] = flags.size;
  if (flags['aspect-ratio']) body['aspect_ratio'] = flags['aspect-ratio'];
  if (flags.resolution) body['resolution'] = flags.resolution;
  const n = numberFlag(flags.n, 'n', { integer: true, min: 1 });
  if (n !== undefined) body['n'] = n;
  if (flags.audio) body['audio'] = true;
  if (flags['no-audio']) body['audio'] = false;
  if (flags.strict) body['strict'] = true;
  const provider: Record<string, string[]> = {};
  if (flags.only) provider['only'] = flags.only.split(',').map((value) => value.trim());
  if (flags.ignore) provider['ignore'] = flags.ignore.split(',').map((value) => value.trim());
  if (Object.keys(provider).length > 0) body['provider'] = provider;
  for (const option of flags['provider-option'] ?? []) {
    const equals = option.indexOf('=');
    if (equals <= 0)
      throw usageError(
        `--provider-option needs key=value, not '${option}' (e.g. --provider-option seed=42).`,
      );
    const raw = option.slice(equals + 1);
    body[option.slice(0, equals)] = parseValue(raw);
  }

  if (flags.image) {
    // A local file travels as a data URI, so the body stays JSON and every gateway field keeps its type.
    body['input_reference'] = /^(https?:|data:)/.test(flags.image)
      ? flags.image
      : await readImageAsDataUri(resolve(io.cwd, flags.image));
  }
  return body;
}

async function readImageAsDataUri(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile())
    throw usageError(
      `--image '${path}' is not a file. Pass an existing image file, an https URL or a data: URI.`,
    );
  const type = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' }[
    extname(path).toLowerCase()
  ];
  if (!type) throw usageError(`--image '${basename(path)}' must be a .png, .jpg or .webp file.`);
  return `data:${type};base64,${(await readFile(path)).toString('base64')}`;
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
