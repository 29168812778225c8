import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from '../http/gateway-env';
import type { GatewayLogger } from './create-logger';

/**
 * `http.request`: one line per answered request, with its id, route pattern, status, duration and the API
 * key's id (never the key). Server errors log at `error`, client errors at `warn`.
 */
export function requestLog(logger: GatewayLogger): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const startedAt = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      event: 'http.request',
      request_id: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath === '/*' ? 'unmatched' : c.req.routePath,
      path: c.req.path,
      status,
      duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
      key_id: c.get('requestContext')?.apiKeyId ?? undefined,
      job_id: c.get('jobId'),
    };
    const message = `${c.req.method} ${c.req.path} ${status}`;
    if (status >= 500) logger.error(line, message);
    else if (status >= 400) logger.warn(line, message);
    else logger.info(line, message);
  };
}
