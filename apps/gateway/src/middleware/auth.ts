import { ReelayError } from '@reelay/core';
import type { Engine } from '@reelay/engine';
import type { MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '../config';
import type { GatewayEnv } from '../http/gateway-env';

/**
 * Gateway API keys: once any key exists every request needs `Authorization: Bearer <key>`, and the key's id
 * scopes what the request sees. With no keys the gateway is open, but only to loopback clients.
 */
export function auth(engine: Engine): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    const idempotencyKey = c.req.header('idempotency-key')?.trim() || undefined;
    // A valid key always wins, and "no keys exist" is never read from a cache: a key made a moment ago by
    // another process owns what it creates at once, and from then on a keyless request is refused.
    const apiKeyId = token === undefined ? undefined : await engine.apiKeys.verify(token);
    if (apiKeyId !== undefined) {
      c.set('requestContext', { apiKeyId, idempotencyKey, requestId: c.get('requestId') });
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

function unauthorized(message: string): ReelayError {
  return new ReelayError({ message, type: 'invalid_request_error', status: 401, code: 'invalid_api_key' });
}

/** The peer address from @hono/node-server's bindings; `undefined` for in-process `app.request()` calls. */
function remoteAddress(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
  return incoming?.socket?.remoteAddress;
}
