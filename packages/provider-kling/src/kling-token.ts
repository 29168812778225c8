import { createHmac } from 'node:crypto';
import { LoadApiKeyError } from '@reelay/core';

/** Kling's sample signs tokens valid for 30 minutes; one is renewed once less than 5 minutes remain. */
const TOKEN_LIFETIME_S = 1800;
const RENEW_BEFORE_S = 300;
/** `nbf` a few seconds back, as Kling's sample does, so a slightly fast clock here is not refused (code 1003). */
const CLOCK_SKEW_S = 5;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 JWT `{iss: accessKey, exp, nbf}` signed with the secret key, as Kling's API reference describes. */
export function signKlingToken(accessKey: string, secretKey: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ iss: accessKey, exp: nowSeconds + TOKEN_LIFETIME_S, nbf: nowSeconds - CLOCK_SKEW_S }),
  );
  const signature = createHmac('sha256', secretKey).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * The Bearer token for each call: `KLING_API_KEY` as is, else a JWT signed from `KLING_ACCESS_KEY` and
 * `KLING_SECRET_KEY`, kept until shortly before it expires. Settings win over the environment; both are read
 * at call time, so rotated keys are picked up.
 */
export function createKlingTokenSource(settings: {
  apiKey?: string | undefined;
  accessKey?: string | undefined;
  secretKey?: string | undefined;
}) {
  let cached: { accessKey: string; secretKey: string; token: string; renewAt: number } | undefined;

  return function bearerToken(now = Date.now()): string {
    const apiKey = settings.apiKey?.trim() || process.env['KLING_API_KEY']?.trim();
    if (apiKey) return apiKey;
    const accessKey = settings.accessKey?.trim() || process.env['KLING_ACCESS_KEY']?.trim();
    const secretKey = settings.secretKey?.trim() || process.env['KLING_SECRET_KEY']?.trim();
    if (!accessKey || !secretKey) {
      throw new LoadApiKeyError({
        provider: 'kling',
        environmentVariableName: 'KLING_API_KEY (or KLING_ACCESS_KEY and KLING_SECRET_KEY)',
      });
    }
    const seconds = Math.floor(now / 1000);
    if (
      cached === undefined ||
      cached.accessKey !== accessKey ||
      cached.secretKey !== secretKey ||
      seconds >= cached.renewAt
    ) {
      cached = {
        accessKey,
        secretKey,
        token: signKlingToken(accessKey, secretKey, seconds),
        renewAt: seconds + TOKEN_LIFETIME_S - RENEW_BEFORE_S,
      };
    }
    return cached.token;
  };
}
