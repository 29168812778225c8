/** Per-phase timeouts of one HTTP exchange. */
export type HttpTimeouts = {
  /** TCP + TLS connect. Default 10 s. */
  connectMs?: number;
  /** From sending the request to the response headers. Default 60 s (Replicate `Prefer: wait` holds 60 s). */
  headersMs?: number;
  /** Longest silence between two body chunks. Default 300 s. */
  bodyMs?: number;
};

export const DEFAULT_TIMEOUTS: Required<HttpTimeouts> = {
  connectMs: 10_000,
  headersMs: 60_000,
  bodyMs: 300_000,
};

export function resolveTimeouts(timeouts: HttpTimeouts | undefined): Required<HttpTimeouts> {
  return {
    connectMs: timeouts?.connectMs ?? DEFAULT_TIMEOUTS.connectMs,
    headersMs: timeouts?.headersMs ?? DEFAULT_TIMEOUTS.headersMs,
    bodyMs: timeouts?.bodyMs ?? DEFAULT_TIMEOUTS.bodyMs,
  };
}
