/**
 * A failure to inject. Each applies to requests matching `route` (`'POST /v1/videos'`, `'GET *'`, or a
 * RegExp on `METHOD /path`), `times` times (default 1), then disappears.
 */
export type FaultRule = {
  route: string | RegExp;
  times?: number;
  fault:
    | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
    /** 429 with `Retry-After` (seconds) in the provider's own error shape. */
    | { kind: 'rate-limit'; retryAfterSeconds: number }
    /** Destroys the socket without answering. */
    | { kind: 'reset' }
    /** Answers 200 with a body that is not JSON. */
    | { kind: 'malformed-json' }
    /** Waits before handling the request normally. */
    | { kind: 'delay'; ms: number }
    /** Handles the request (a job is created), then never answers: the ambiguous failure. */
    | { kind: 'hang-after-accept' };
};

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
