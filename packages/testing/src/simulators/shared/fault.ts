/**
 * A failure to inject. Each applies to requests matching `route` (`'POST /v1/videos'`, `'GET *'`, or a
 * RegExp on `METHOD /path`), `times` times (default 1), then disappears. Rules are taken in the order they
 * were injected, so a sequence of faults on one route plays out deterministically.
 */
export type FaultRule = {
  route: string | RegExp;
  times?: number;
  fault:
    | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
    /** 429 with `Retry-After` (seconds) in the provider's own error shape. */
    | { kind: 'rate-limit'; retryAfterSeconds: number }
    /** Destroys the socket without answering. Nothing is created. */
    | { kind: 'reset' }
    /** Answers 200 with a body that is not JSON. Nothing is created. */
    | { kind: 'malformed-json' }
    /**
     * Answers this raw body instead of handling the request: an HTML error page from a proxy
     * (`status: 502, contentType: 'text/html'`), or a 200 that is not the API's JSON. Nothing is created.
     */
    | { kind: 'raw'; status: number; contentType: string; body: string }
    /** Handles the request, then labels the real answer with the wrong `Content-Type`. */
    | { kind: 'content-type'; contentType: string }
    /**
     * Handles the request, sends the real status and headers (full `Content-Length`), then half the body, and
     * drops the connection: a truncated answer. A create made its job.
     */
    | { kind: 'truncated' }
    /**
     * Neither handles nor answers: the connection stays open and silent until the client gives up (its
     * timeout) or `ms` pass (default 5 minutes), then it is dropped. Nothing is created.
     */
    | { kind: 'stall'; ms?: number }
    /** Waits before handling the request normally. */
    | { kind: 'delay'; ms: number }
    /** Handles the request (a job is created), then never answers: the ambiguous failure. */
    | { kind: 'hang-after-accept' };
};

export type FaultKind = FaultRule['fault']['kind'];

export function routeMatches(route: FaultRule['route'], method: string, path: string): boolean {
  const key = `${method} ${path}`;
  if (route instanceof RegExp) return route.test(key);
  if (route === '*') return true;
  const [routeMethod, routePath] = route.split(' ');
  if (routeMethod !== '*' && routeMethod !== method) return false;
  if (routePath === undefined || routePath === '*') return true;
  if (routePath.endsWith('*')) return path.startsWith(routePath.slice(0, -1));
  return routePath === path;
}
