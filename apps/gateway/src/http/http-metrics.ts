import type { MiddlewareHandler } from 'hono';

/** Counts answered requests by method, route pattern and status, for `/metrics`. */
export type HttpMetrics = {
  middleware: MiddlewareHandler;
  /** Prometheus exposition of the counters. */
  text(): string;
};

export function createHttpMetrics(): HttpMetrics {
  const counts = new Map<string, number>();
  return {
    async middleware(c, next) {
      await next();
      // the matched pattern, not the path, so ids do not explode the label set
      const route = c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
      const key = `method="${c.req.method}",route="${route}",status="${c.res.status}"`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    text() {
      const lines = [
        '# HELP reelay_http_requests_total HTTP requests answered by the gateway.',
        '# TYPE reelay_http_requests_total counter',
      ];
      for (const [labels, count] of counts) lines.push(`reelay_http_requests_total{${labels}} ${count}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
