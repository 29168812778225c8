import { ReelayError } from '@reelay/core';
import {
  type ApiKeyGrant,
  type Engine,
  LimitExceededError,
  requestsInLastMinute,
  retryAfterSeconds,
} from '@reelay/engine';
import type { Context, MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '../config';
import type { GatewayEnv } from '../http/gateway-env';

/**
 * Gateway API keys: once any key exists every request needs `Authorization: Bearer <key>`, and the key's id
 * scopes what the request sees. With no keys the gateway is open, but only to loopback clients. A key with a
 * rate limit has each request counted in the store (shared by every instance) before it goes further.
 */
export function auth(engine: Engine): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    const idempotencyKey = c.req.header('idempotency-key')?.trim() || undefined;
    // A valid key always wins, and "no keys exist" is never read from a cache: a key made a moment ago by
    // another process owns what it creates at once, and from then on a keyless request is refused.
    const grant = token === undefined ? undefined : await engine.apiKeys.verify(token);
    if (grant !== undefined) {
      await takeRequest(engine, grant, c);
      c.set('requestContext', {
        apiKeyId: grant.id,
        key: grant,
        idempotencyKey,
        requestId: c.get('requestId'),
      });
      return next();
    }
    if ((await engine.apiKeys.count()) === 0) {
      const remote = remoteAddress(c.env);
      if (remote !== undefined && !isLoopbackHost(remote)) {
        throw unauthorized(
          'This gateway has no API keys yet, so it only serves loopback clients. Create a key with `reelay-gateway keys create <name>` and send it as `Authorization: Bearer <key>`.',
        );
      }
      c.set('requestContext', { apiKeyId: null, idempotencyKey, requestId: c.get('requestId') });
      return next();
    }
    if (token === undefined) {
      throw unauthorized(
        header === undefined
          ? 'Missing API key. Send it as `Authorization: Bearer <key>`.'
          : 'Malformed Authorization header. Send `Authorization: Bearer <key>`.',
      );
    }
    throw unauthorized('Incorrect or revoked API key. Check the key, or create a new one.');
  };
}

/**
 * Counts the request against the key's per-minute limit, with OpenAI's `x-ratelimit-*-requests` headers on the
 * answer; past the limit, a 429 with `Retry-After`. Keys without a limit cost no database write.
 */
async function takeRequest(engine: Engine, grant: ApiKeyGrant, c: Context<GatewayEnv>): Promise<void> {
  if (grant.limits.requestsPerMinute === null) return;
  const taken = await engine.apiKeys.takeRequest(grant);
  const used = requestsInLastMinute(taken, taken.at);
  c.header('x-ratelimit-limit-requests', String(taken.limit));
  c.header('x-ratelimit-remaining-requests', String(Math.max(0, Math.floor(taken.limit - used))));
  if (taken.allowed) return;
  const wait = retryAfterSeconds(taken, taken.limit, taken.at);
  c.header('x-ratelimit-reset-requests', `${wait}s`);
  throw new LimitExceededError({
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
    retryAfterSeconds: wait,
    retryable: true,
    message:
      `This API key's rate limit of ${taken.limit} requests per minute is reached. Retry after ${wait} s ` +
      '(the Retry-After header), space requests out (poll a video every few seconds, not in a tight loop), or ask ' +
      `the operator to raise it (\`reelay-gateway keys set ${grant.id} --rate-limit <requests per minute>\`).`,
  });
}

function unauthorized(message: string): ReelayError {
  return new ReelayError({ message, type: 'invalid_request_error', status: 401, code: 'invalid_api_key' });
}

/** The peer address from @hono/node-server's bindings; `undefined` for in-process `app.request()` calls. */
function remoteAddress(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
  return incoming?.socket?.remoteAddress;
}
