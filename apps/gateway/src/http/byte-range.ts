/** What to send for a `Range` header against a file of `size` bytes (RFC 9110 §14). */
export type RangeDecision =
  /** No usable range: send the whole file with 200. */
  | { kind: 'full' }
  /** Send bytes `start`..`end` inclusive with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** No byte of the range exists: 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

/**
 * Decides how to answer a `Range` header. One range is served; a header that does not parse, uses another
 * unit, or asks for several ranges is ignored and the whole file is sent, as RFC 9110 allows.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const match = header.trim().match(/^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i);
  if (match === null) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const end = Number(last);
  if (!Number.isSafeInteger(end) || end < start) return { kind: 'full' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
