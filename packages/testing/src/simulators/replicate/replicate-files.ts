import { renderMp4 } from '../../media';
import type { SimulatorResponse } from '../shared';

const CACHE_SIZE = 8;

/**
 * Renders MP4s on first download and keeps the last few, keyed by size and length: rendering takes a while,
 * and tests download the same few shapes again and again.
 */
export function createRenderCache() {
  const cache = new Map<string, Uint8Array>();
  return {
    get(options: { width: number; height: number; seconds: number; seed: string }): Uint8Array {
      // The H.264 renderer needs even sides; tiers such as 768p at 16:9 come out odd (1365x768).
      const width = even(options.width);
      const height = even(options.height);
      const key = `${width}x${height}x${options.seconds}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const bytes = renderMp4({ width, height, seconds: options.seconds, seed: options.seed });
      cache.set(key, bytes);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return bytes;
    },
    clear: () => cache.clear(),
  };
}

function even(value: number): number {
  return Math.max(16, Math.round(value / 2) * 2);
}

/** A file answer as a CDN gives it, honouring a single `Range: bytes=a-b`. */
export function fileResponse(
  bytes: Uint8Array,
  contentType: string,
  range: string | undefined,
): SimulatorResponse {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'public, max-age=3600',
  };
  const match = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { status: 200, body: bytes, headers };
  const size = bytes.byteLength;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) {
    return { status: 416, body: '', headers: { ...headers, 'content-range': `bytes */${size}` } };
  }
  return {
    status: 206,
    body: bytes.subarray(start, end + 1),
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}` },
  };
}
