import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/** Tracing as started: `shutdown` exports what is buffered, then unregisters everything it registered. */
export type Tracing = { endpoint: string; shutdown(): Promise<void> };

/**
 * Starts OpenTelemetry tracing when the standard `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, exporting OTLP/HTTP (JSON) through a batch processor; the
 * exporter and the resource read the other standard `OTEL_*` variables themselves (headers, timeout,
 * `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`). Returns `undefined`, registering nothing, when tracing is
 * off, so the spans of the engine and the plugins stay no-ops.
 */
export function startTracing(env: Record<string, string | undefined>, version: string): Tracing | undefined {
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const exporter = (env['OTEL_TRACES_EXPORTER'] ?? 'otlp').toLowerCase();
  if (!endpoint || env['OTEL_SDK_DISABLED']?.toLowerCase() === 'true' || exporter === 'none')
    return undefined;

  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'reelay-gateway', 'service.version': version }))
    // The operator's OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over our defaults.
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
  trace.setGlobalTracerProvider(provider);
  return {
    endpoint,
    async shutdown() {
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
