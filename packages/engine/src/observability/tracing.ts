import {
  type Attributes,
  type Context,
  context,
  type Link,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';

/**
 * The engine's spans, through the OpenTelemetry API only: without an SDK registered (tracing off) every call
 * here is a no-op. The gateway registers the SDK when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
 */
const tracer = trace.getTracer('@reelay/engine');

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The active span as a W3C `traceparent`, stored on a job so its later polls join the same trace. */
export function activeTraceParent(): string | null {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return null;
  const flags = spanContext.traceFlags.toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** The context a job's later spans start in: under the span of the request that created it. */
export function jobTraceContext(traceParent: string | null): Context {
  const match = traceParent === null ? null : TRACEPARENT.exec(traceParent);
  if (!match) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
}

/**
 * Where a span about a job starts: inside the active span when there is one (the create request), else under
 * the span of the request that created the job (a resumed submit, a poll), so the job stays one trace.
 */
export function jobSpanParent(traceParent: string | null): Context {
  const active = context.active();
  return trace.getSpan(active) ? active : jobTraceContext(traceParent);
}

/** Links the active span (a webhook delivery's request) to the trace of the job it is about. */
export function linkActiveSpanToJob(traceParent: string | null, attributes: Attributes): void {
  const span = trace.getSpan(context.active());
  const jobSpan = trace.getSpanContext(jobTraceContext(traceParent));
  if (!span) return;
  span.setAttributes(attributes);
  if (jobSpan) span.addLink({ context: jobSpan, attributes: { 'reelay.link': 'job' } });
}

export type SpanOptions = {
  attributes?: Attributes;
  /** Where the span starts; default the active context (the HTTP request's span, when there is one). */
  parent?: Context;
  links?: Link[];
  kind?: SpanKind;
};

/** Runs `work` inside a new span, marking the span failed when `work` throws; the span ends either way. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes ?? {},
      links: options.links ?? [],
    },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        span.setAttribute('error.type', errorType(error));
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

function errorType(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : 'Error';
}
