import type {
  AspectRatio,
  DryRunResult,
  ImageInputCapability,
  ResolutionTier,
  VideoList,
  VideoObject,
} from '@reelay/core';
import type { Capabilities, ModelCard, ProviderCard, SizeCapability, VideoMode } from './wire-types';

/**
 * Light shape checks for the gateway's JSON: enough that a missing field shows up as a clear message instead
 * of `undefined` deep in the page, without shipping a schema library to the browser.
 */
export class UnexpectedResponseError extends Error {
  constructor(what: string) {
    super(
      `The gateway sent an unexpected ${what}. Is this a Reelay gateway of the same version as the playground?`,
    );
    this.name = 'UnexpectedResponseError';
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((item) => typeof item === 'number') : [];
const stringOr = <T>(value: unknown, fallback: T): string | T =>
  typeof value === 'string' ? value : fallback;

export function parseModelList(json: unknown): ModelCard[] {
  if (!isObject(json) || !Array.isArray(json['data'])) throw new UnexpectedResponseError('model list');
  return json['data'].flatMap((item) => {
    const card = parseModelCard(item);
    return card ? [card] : [];
  });
}

export function parseModelCard(json: unknown): ModelCard | undefined {
  if (!isObject(json) || typeof json['id'] !== 'string') return undefined;
  const lifecycle = isObject(json['lifecycle']) ? json['lifecycle'] : {};
  const status = lifecycle['status'];
  const providers = Array.isArray(json['providers']) ? json['providers'].flatMap(parseProvider) : [];
  return {
    id: json['id'],
    name: stringOr(json['name'], json['id']),
    owned_by: stringOr(json['owned_by'], ''),
    family: stringOr(json['family'], null),
    tags: strings(json['tags']),
    modes: modesOf(json['modes']),
    max_duration_seconds: typeof json['max_duration_seconds'] === 'number' ? json['max_duration_seconds'] : 0,
    lifecycle: {
      status: status === 'deprecated' || status === 'retired' ? status : 'active',
      deprecated_at: stringOr(lifecycle['deprecated_at'], null),
      retired_at: stringOr(lifecycle['retired_at'], null),
      successors: strings(lifecycle['successors']),
      note: stringOr(lifecycle['note'], null),
    },
    price: stringOr(json['price'], null),
    providers,
  };
}

function parseProvider(json: unknown): ProviderCard[] {
  if (!isObject(json) || typeof json['provider'] !== 'string') return [];
  const capabilities = parseCapabilities(json['capabilities']);
  if (!capabilities) return [];
  const price = isObject(json['price']) ? json['price'] : undefined;
  return [
    {
      provider: json['provider'],
      id: stringOr(json['id'], json['provider']),
      price: price
        ? {
            display: stringOr(price['display'], ''),
            unit: price['unit'] === 'per_video' ? 'per_video' : 'per_second',
            estimated: price['estimated'] === true,
            as_of: stringOr(price['as_of'], ''),
          }
        : null,
      capabilities,
    },
  ];
}

function parseCapabilities(json: unknown): Capabilities | undefined {
  if (!isObject(json)) return undefined;
  const size = parseSize(json['size']);
  const duration = isObject(json['duration']) ? json['duration'] : undefined;
  if (!size || !duration) return undefined;
  const values = numbers(duration['values']);
  const audio = isObject(json['audio']) ? json['audio'] : undefined;
  const image = isObject(json['image']) ? json['image'] : undefined;
  return {
    modes: modesOf(json['modes']),
    size,
    duration: {
      values,
      default: typeof duration['default'] === 'number' ? duration['default'] : (values[0] ?? 0),
    },
    audio: audio
      ? { field: stringOr(audio['field'], undefined), default: audio['default'] === true }
      : undefined,
    image: image
      ? { field: stringOr(image['field'], 'image'), accepts: strings(image['accepts']).filter(isImageForm) }
      : undefined,
  };
}

function parseSize(json: unknown): SizeCapability | undefined {
  if (!isObject(json)) return undefined;
  const dims = (value: unknown) =>
    isObject(value) && typeof value['width'] === 'number' && typeof value['height'] === 'number'
      ? { width: value['width'], height: value['height'] }
      : undefined;
  if (json['kind'] === 'list' && Array.isArray(json['options'])) {
    const options = json['options'].flatMap((option) => {
      const size = dims(option);
      return size && isObject(option) && isTier(option['tier']) ? [{ ...size, tier: option['tier'] }] : [];
    });
    const fallback = options[0] ?? { width: 1280, height: 720 };
    return { kind: 'list', options, default: dims(json['default']) ?? fallback };
  }
  if (json['kind'] === 'grid') {
    const aspectRatios = strings(json['aspectRatios']).filter(isAspectRatio);
    const tiers = strings(json['tiers']).filter(isTier);
    const fallback = isObject(json['default']) ? json['default'] : {};
    return {
      kind: 'grid',
      aspectRatios,
      tiers,
      default: {
        aspectRatio: isAspectRatio(fallback['aspectRatio'])
          ? fallback['aspectRatio']
          : (aspectRatios[0] ?? '16:9'),
        tier: isTier(fallback['tier']) ? fallback['tier'] : (tiers[0] ?? '720p'),
      },
    };
  }
  if (json['kind'] === 'range') {
    return {
      kind: 'range',
      minPixels: typeof json['minPixels'] === 'number' ? json['minPixels'] : 0,
      maxPixels: typeof json['maxPixels'] === 'number' ? json['maxPixels'] : Number.POSITIVE_INFINITY,
      default: dims(json['default']) ?? { width: 1280, height: 720 },
    };
  }
  return undefined;
}

const isTier = (value: unknown): value is ResolutionTier =>
  typeof value === 'string' && /^\d+(\.\d+)?(p|K|MP)$/.test(value);
const isAspectRatio = (value: unknown): value is AspectRatio =>
  typeof value === 'string' && /^\d{1,5}:\d{1,5}$/.test(value);
const isImageForm = (value: string): value is ImageInputCapability['accepts'][number] =>
  value === 'url' || value === 'data-uri' || value === 'upload';

function modesOf(value: unknown): VideoMode[] {
  return strings(value).filter(
    (mode): mode is VideoMode => mode === 'text-to-video' || mode === 'image-to-video',
  );
}

export function parseVideo(json: unknown): VideoObject {
  if (!isObject(json) || json['object'] !== 'video' || typeof json['id'] !== 'string') {
    throw new UnexpectedResponseError('video object');
  }
  return json as unknown as VideoObject;
}

export function parseVideoList(json: unknown): VideoList {
  if (!isObject(json) || !Array.isArray(json['data'])) throw new UnexpectedResponseError('video list');
  return {
    object: 'list',
    data: json['data'].map(parseVideo),
    first_id: stringOr(json['first_id'], null),
    last_id: stringOr(json['last_id'], null),
    has_more: json['has_more'] === true,
  };
}

export function parseDryRun(json: unknown): DryRunResult {
  if (!isObject(json) || json['object'] !== 'video.dry_run' || !Array.isArray(json['route'])) {
    throw new UnexpectedResponseError('dry run');
  }
  return {
    ...(json as unknown as DryRunResult),
    skipped: Array.isArray(json['skipped']) ? (json['skipped'] as DryRunResult['skipped']) : [],
    warnings: Array.isArray(json['warnings']) ? (json['warnings'] as DryRunResult['warnings']) : [],
    n: typeof json['n'] === 'number' ? json['n'] : 1,
  };
}

/** A video's money fields: the final cost once known, else the estimate. */
export function videoCost(video: VideoObject): { usd: string; final: boolean } | undefined {
  const read = (value: unknown) =>
    isObject(value) && typeof value['usd'] === 'string' ? value['usd'] : undefined;
  const final = read(video.metadata['cost']);
  if (final !== undefined) return { usd: final, final: true };
  const estimate = read(video.metadata['cost_estimate']);
  return estimate === undefined ? undefined : { usd: estimate, final: false };
}

export function isSandboxVideo(video: VideoObject): boolean {
  return video.metadata['sandbox'] === true;
}

export function videoProvider(video: VideoObject): string | undefined {
  const provider = video.metadata['provider'];
  return typeof provider === 'string' ? provider : undefined;
}
