import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  type SimulatorRequest,
  type SimulatorResponse,
  type SimulatorServer,
  startSimulatorServer,
} from '@reelay/testing';

export type IssuedToken = { token: string; expiresAt: number };

/**
 * A loopback `oauth2.googleapis.com/token`: checks the JWT bearer grant (RS256 over the service account's key,
 * `iss` = client email, `aud` = this token URI, at most an hour long, not expired) and issues access tokens.
 */
export async function startVertexTokenServer(options: { clientEmail: string; tokenLifetimeS: () => number }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued: IssuedToken[] = [];
  let tokenUri = '';

  const oauthError = (error: string, description: string): SimulatorResponse => ({
    status: 400,
    json: { error, error_description: description },
  });

  function handle(request: SimulatorRequest): SimulatorResponse {
    if (request.method !== 'POST' || request.path !== '/token') return { status: 404, body: 'Not Found' };
    const form = new URLSearchParams(request.rawBody.toString('utf8'));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return oauthError('unsupported_grant_type', 'Invalid grant_type: ' + (form.get('grant_type') ?? ''));
    const [header, claims64, signature] = (form.get('assertion') ?? '').split('.');
    if (!header || !claims64 || !signature) return oauthError('invalid_request', 'Invalid JWT: malformed.');
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${claims64}`)
      .verify(publicKey, Buffer.from(signature, 'base64url'));
    if (!valid) return oauthError('invalid_grant', 'Invalid JWT Signature.');
    const claims = JSON.parse(Buffer.from(claims64, 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (claims['iss'] !== options.clientEmail)
      return oauthError('invalid_grant', 'Invalid JWT: unknown issuer.');
    if (claims['aud'] !== tokenUri) return oauthError('invalid_grant', 'Invalid JWT: Failed audience check.');
    const iat = Number(claims['iat']);
    const exp = Number(claims['exp']);
    if (!(exp > now) || exp - iat > 3600 || iat > now + 60)
      return oauthError(
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
      );
    const lifetime = options.tokenLifetimeS();
    const token = `ya29.sim-vertex.${randomBytes(18).toString('base64url')}`;
    issued.push({ token, expiresAt: Date.now() + lifetime * 1000 });
    return { status: 200, json: { access_token: token, expires_in: lifetime, token_type: 'Bearer' } };
  }

  const server: SimulatorServer = await startSimulatorServer({
    handle,
    rateLimitBody: () => ({ error: 'rate_limit_exceeded', error_description: 'Too many token requests.' }),
  });
  tokenUri = `${server.origin}/token`;
  return {
    server,
    tokenUri,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    issued,
  };
}
