import { createSign } from 'node:crypto';
import { parseGoogleError } from '@reelay/provider-google';
import { createProviderHttpClient, type HttpTimeouts } from '@reelay/provider-utils';
import { z } from 'zod';
import { loadServiceAccountKey, type ServiceAccountKey } from './service-account';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
/** Google allows at most one hour between `iat` and `exp`. */
const ASSERTION_LIFETIME_S = 3600;
/** A token is replaced this long before Google says it expires, so no call carries one that expires in flight. */
const RENEW_BEFORE_MS = 60_000;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The RS256 JWT a service account exchanges for an access token (Google OAuth 2.0 for service accounts). */
export function signServiceAccountAssertion(key: ServiceAccountKey, nowSeconds: number): string {
  const header = base64url(
    JSON.stringify({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) }),
  );
  const claims = base64url(
    JSON.stringify({
      iss: key.client_email,
      scope: SCOPE,
      aud: key.token_uri,
      iat: nowSeconds,
      exp: nowSeconds + ASSERTION_LIFETIME_S,
    }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key.private_key);
  return `${header}.${claims}.${base64url(signature)}`;
}

/**
 * OAuth access tokens for a service account: a signed JWT exchanged at the key file's `token_uri`, cached until
 * a minute before expiry. Concurrent callers share one exchange.
 */
export function createAccessTokenSource(options: {
  credentials: string | undefined;
  timeouts?: HttpTimeouts | undefined;
}) {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function exchange(): Promise<string> {
    const key = await loadServiceAccountKey(options.credentials);
    const tokenUrl = new URL(key.token_uri);
    const http = createProviderHttpClient({
      provider: 'google-vertex',
      baseURL: tokenUrl.origin,
      headers: () => ({}),
      parseError: parseGoogleError,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    });
    try {
      const assertion = signServiceAccountAssertion(key, Math.floor(Date.now() / 1000));
      const { value } = await http.json({
        method: 'POST',
        path: tokenUrl.pathname,
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
        schema: tokenResponseSchema,
      });
      cached = { token: value.access_token, renewAt: Date.now() + value.expires_in * 1000 - RENEW_BEFORE_MS };
      return value.access_token;
    } finally {
      await http.close();
    }
  }

  return {
    async get(): Promise<string> {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      pending ??= exchange().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    /** Forgets the cached token (after a 401), so the next call exchanges a new one. */
    invalidate(): void {
      cached = undefined;
    },
  };
}
