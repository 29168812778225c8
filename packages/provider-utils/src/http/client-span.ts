import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { sanitizeUrl } from '../upstream-errors/redact';

const tracer = trace.getTracer('@reelay/provider-utils');

/**
 * A client span for one upstream HTTP call, after the OpenTelemetry HTTP semantic conventions; a no-op when
 * no tracing SDK is registered. The URL is recorded without its query, which may carry credentials.
 */
export async function inClientSpan<T extends { statusCode: number }>(
  provider: string,
  method: string,
  url: URL,
  send: () => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    method,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': method,
        'server.address': url.hostname,
        'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
        'url.full': sanitizeUrl(url.href),
        'reelay.provider': provider,
      },
    },
    async (span) => {
      try {
        const response = await send();
        span.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 400) {
          span.setAttribute('error.type', String(response.statusCode));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        return response;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        span.setAttribute('error.type', typeof code === 'string' ? code : 'network_error');
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
