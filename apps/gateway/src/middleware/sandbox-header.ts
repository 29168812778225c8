import type { MiddlewareHandler } from 'hono';

/** In sandbox mode every response, errors included, says so. */
export function sandboxHeader(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('x-reelay-sandbox', 'true');
  };
}
