import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from '../http/gateway-env';

const tracer = trace.getTracer('@reelay/gateway');

/**
 * A server span per HTTP request, after the OpenTelemetry HTTP semantic conventions, continuing the caller's
 * trace when it sends a W3C `traceparent`. Everything the request does (the create, the upstream submit)
 * runs inside it. Installed only when tracing is on.
 */
export function httpSpan(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, {
      get: (headers, key) => headers.get(key) ?? undefined,
      keys: (headers) => [...headers.keys()],
    });
    const url = new URL(c.req.url);
    const span = tracer.startSpan(
      c.req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': c.req.method,
          'url.path': url.pathname,
          'url.scheme': url.protocol.replace(':', ''),
          'server.address': url.hostname,
          'user_agent.original': c.req.header('user-agent') ?? '',
        },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = c.req.routePath === '/*' ? undefined : c.req.routePath;
      if (route) {
        span.updateName(`${c.req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      const status = c.res.status;
      span.setAttribute('http.response.status_code', status);
      const requestId = c.get('requestId');
      if (requestId) span.setAttribute('reelay.request_id', requestId);
      const jobId = c.get('jobId');
      if (jobId) span.setAttribute('reelay.job.id', jobId);
      if (status >= 500) {
        span.setAttribute('error.type', String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    }
  };
}
