import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

/** One span as OTLP/HTTP JSON carries it. */
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  links?: { traceId: string; spanId: string }[];
};

const SERVER = 2;
const CLIENT = 3;

/** A minimal OTLP/HTTP receiver on loopback: it keeps every span posted to /v1/traces. */
async function startOtlpReceiver(): Promise<{
  origin: string;
  spans: OtlpSpan[];
  bodies: string[];
  close(): Promise<void>;
}> {
  const spans: OtlpSpan[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (request.url !== '/v1/traces' || !(request.headers['content-type'] ?? '').includes('json')) {
        response.writeHead(415).end();
        return;
      }
      bodies.push(text);
      const body = JSON.parse(text) as {
        resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const resource of body.resourceSpans) {
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes?.find((entry) => entry.key === key)?.value;
  return value === undefined ? undefined : Object.values(value)[0];
}

describe('OpenTelemetry traces', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let gateway: TestGateway;
  let videoId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = receiver.origin;
    process.env['OTEL_SERVICE_NAME'] = 'reelay-under-test';
    gateway = await startTestGateway();
    const response = await fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/sora-2-pro', prompt: 'a lighthouse at dawn', seconds: 4 }),
    });
    videoId = ((await response.json()) as { id: string }).id;
    await waitForVideo(
      async () => (await fetch(`${gateway.url}/v1/videos/${videoId}`)).json() as Promise<{ status: string }>,
    );
    // Stopping flushes the batch of spans still buffered.
    await gateway.stop();
  });
  afterAll(async () => {
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    delete process.env['OTEL_SERVICE_NAME'];
    await receiver?.close();
  });

  it('exports one trace from the create request through the upstream submit, the polls and completion', () => {
    const create = receiver.spans.find(
      (span) =>
        span.kind === SERVER &&
        span.name === 'POST /v1/videos' &&
        attribute(span, 'reelay.job.id') === videoId,
    );
    expect(create, 'a server span for the create').toBeDefined();
    expect(create?.parentSpanId || undefined).toBeUndefined();
    expect(attribute(create!, 'http.route')).toBe('/v1/videos');
    expect(attribute(create!, 'http.response.status_code')).toBe(200);
    const trace = receiver.spans.filter((span) => span.traceId === create!.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));

    const submit = trace.find((span) => span.name === 'submit openai');
    expect(submit?.parentSpanId).toBe(create!.spanId);
    expect(attribute(submit!, 'gen_ai.request.model')).toBe('sora-2-pro');
    const submitCall = trace.find((span) => span.kind === CLIENT && span.parentSpanId === submit!.spanId);
    expect(submitCall).toMatchObject({ name: 'POST' });
    expect(attribute(submitCall!, 'reelay.provider')).toBe('openai');
    expect(attribute(submitCall!, 'http.response.status_code')).toBe(200);

    const polls = trace.filter((span) => span.name === 'poll openai');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(poll.parentSpanId).toBe(create!.spanId);
    const last = polls.find((poll) => attribute(poll, 'reelay.job.status') === 'succeeded');
    expect(last, 'a poll that saw the job succeed').toBeDefined();
    // The poll's own HTTP calls (the status, then the downloads of the outputs) nest under it.
    const lastCalls = trace.filter((span) => span.kind === CLIENT && span.parentSpanId === last!.spanId);
    expect(lastCalls.map((span) => span.name)).toEqual(expect.arrayContaining(['GET']));
    expect(lastCalls.length).toBeGreaterThanOrEqual(2);
    // Every span of the trace hangs from the create request's span.
    for (const span of trace) {
      let current: OtlpSpan | undefined = span;
      while (current?.parentSpanId) current = byId.get(current.parentSpanId);
      expect(current?.spanId).toBe(create!.spanId);
    }
  });

  it('names the service and never exports a credential', () => {
    const text = receiver.bodies.join('\n');
    expect(text).toContain('reelay-under-test');
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toMatch(/sk-[A-Za-z0-9]|Bearer /);
  });
});
