import type { SimulatorResponse } from '../shared';

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
