import { createHmac, timingSafeEqual } from 'node:crypto';

export type KlingAuthFailure = { code: number; message: string };

/**
 * Checks `Authorization: Bearer …` the way Kling does: the static key, or an HS256 JWT whose `iss` is the access
 * key, signed with the secret key, inside its `nbf`..`exp` window. Answers Kling's 1001–1004 codes.
 */
export function checkKlingAuthorization(
  header: string | undefined,
  keys: { apiKey: string; accessKey: string; secretKey: string },
  nowSeconds: number,
): KlingAuthFailure | undefined {
  if (!header) return { code: 1001, message: 'Authorization is empty' };
  if (!header.startsWith('Bearer ')) return { code: 1002, message: 'Authorization is invalid' };
  const token = header.slice('Bearer '.length);
  if (token === keys.apiKey) return undefined;
  const [header64, payload64, signature] = token.split('.');
  if (!header64 || !payload64 || !signature) return { code: 1002, message: 'Authorization is invalid' };
  const expected = createHmac('sha256', keys.secretKey).update(`${header64}.${payload64}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { code: 1002, message: 'Authorization is invalid' };
  let claims: { iss?: unknown; exp?: unknown; nbf?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload64, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { code: 1002, message: 'Authorization is invalid' };
  }
  if (claims.iss !== keys.accessKey) return { code: 1000, message: 'Authentication failed' };
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds)
    return { code: 1003, message: 'Authorization is not yet valid' };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds)
    return { code: 1004, message: 'Authorization has expired' };
  return undefined;
}
