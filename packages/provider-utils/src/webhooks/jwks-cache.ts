import { fetch as undiciFetch } from 'undici';
import { type Jwks, parseJwks } from './jwks';

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const FETCH_TIMEOUT_MS = 10_000;

/** The part of `fetch` the cache uses; the global `fetch` and undici's both fit. */
export type JwksFetch = (
  url: string,
  init: { signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export type JwksCacheOptions = {
  /** Where the provider publishes its webhook signing keys. */
  url: string;
  /** Default: undici's `fetch`. */
  fetch?: JwksFetch;
  /** How long keys are reused. Default and maximum 24 h. */
  maxAgeMs?: number;
  /** Clock for tests. Default `Date.now`. */
  now?: () => number;
};

export type JwksCache = {
  /** The cached keys, fetched first when missing or older than `maxAgeMs`. Concurrent calls share one fetch. */
  get(): Promise<Jwks>;
  /** Fetches now, e.g. once after a signature fails to verify (the provider may have rotated its keys). */
  refresh(): Promise<Jwks>;
};

/** A provider's JSON Web Key Set, fetched on first use and cached, for verifying its signed webhooks. */
export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const url = options.url;
  const fetchJwks: JwksFetch = options.fetch ?? ((target, init) => undiciFetch(target, init));
  const maxAgeMs = Math.min(options.maxAgeMs ?? MAX_AGE_MS, MAX_AGE_MS);
  const now = options.now ?? Date.now;
  let cached: { jwks: Jwks; fetchedAt: number } | undefined;
  let inFlight: Promise<Jwks> | undefined;

  function refresh(): Promise<Jwks> {
    inFlight ??= (async () => {
      try {
        const response = await fetchJwks(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
        if (!response.ok)
          throw new Error(`Fetching webhook keys from ${url} failed with HTTP ${response.status}.`);
        const jwks = parseJwks(await response.json());
        cached = { jwks, fetchedAt: now() };
        return jwks;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  return {
    async get() {
      if (cached && now() - cached.fetchedAt < maxAgeMs) return cached.jwks;
      return refresh();
    },
    refresh,
  };
}
