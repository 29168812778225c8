/** The fixed window the sliding minute is estimated from. */
export const WINDOW_MS = 60_000;

export type RequestWindowParams = { key: string; window: number; remaining: number; limit: number };

/**
 * The one statement both SQL stores run to count a request (`param(name)` is `@name` or `$n`): insert the key's
 * window row, or roll it forward and count, but only while `count + previous × overlap ≤ limit`, where overlap is
 * the share of the previous window still inside the last 60 s (`remaining / 60 000`, compared in integers).
 * A row comes back only when the request was counted.
 */
export function takeRequestSql(param: (name: keyof RequestWindowParams) => string): string {
  const table = 'api_key_request_windows';
  const window = param('window');
  const current = `CASE WHEN ${table}.window_start = ${window} THEN ${table}.requests + 1 ELSE 1 END`;
  const previous = `CASE WHEN ${table}.window_start = ${window} THEN ${table}.previous_requests
    WHEN ${table}.window_start = ${window} - ${WINDOW_MS} THEN ${table}.requests ELSE 0 END`;
  return `INSERT INTO ${table} (key_id, window_start, requests, previous_requests)
    VALUES (${param('key')}, ${window}, 1, 0)
    ON CONFLICT (key_id) DO UPDATE SET requests = ${current}, previous_requests = ${previous}, window_start = ${window}
    WHERE (${current}) * ${WINDOW_MS} + (${previous}) * ${param('remaining')} <= ${param('limit')} * ${WINDOW_MS}
    RETURNING requests, previous_requests`;
}

export function requestWindowParams(keyId: string, limit: number, at: number): RequestWindowParams {
  const window = Math.floor(at / WINDOW_MS) * WINDOW_MS;
  return { key: keyId, window, remaining: window + WINDOW_MS - at, limit };
}

/** A stored window row as seen from the window `window` (a row from an older window counts as empty). */
export function shiftWindow(
  row: { window_start: number; requests: number; previous_requests: number } | undefined,
  window: number,
): { count: number; previousCount: number } {
  if (row === undefined) return { count: 0, previousCount: 0 };
  const start = Number(row.window_start);
  if (start === window) return { count: Number(row.requests), previousCount: Number(row.previous_requests) };
  if (start === window - WINDOW_MS) return { count: 0, previousCount: Number(row.requests) };
  return { count: 0, previousCount: 0 };
}

/** The sliding minute's estimate of requests made: this window's, plus the previous one's still overlapping it. */
export function requestsInLastMinute(
  state: { windowStart: number; count: number; previousCount: number },
  at: number,
): number {
  return state.count + (state.previousCount * (state.windowStart + WINDOW_MS - at)) / WINDOW_MS;
}

/**
 * Whole seconds until one more request fits under `limit`, from a refused request's window: later in this
 * window when the previous window's weight is what is in the way, else in the next window once this one's
 * weight has decayed enough.
 */
export function retryAfterSeconds(
  state: { windowStart: number; count: number; previousCount: number },
  limit: number,
  at: number,
): number {
  const { windowStart, count, previousCount } = state;
  let free: number;
  if (count + 1 <= limit && previousCount > 0) {
    free = windowStart + WINDOW_MS - Math.floor(((limit - count - 1) * WINDOW_MS) / previousCount);
  } else {
    const next = windowStart + WINDOW_MS;
    free = count === 0 ? next : next + WINDOW_MS - Math.floor(((limit - 1) * WINDOW_MS) / count);
    free = Math.max(free, next);
  }
  return Math.max(1, Math.ceil((free - at) / 1000));
}
