import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A failure for the next submits: an HTTP error (nothing created), or accept-then-hang (ambiguous). */
export type SubmitFault =
  /** With `echo`, the error message quotes the request body, as some APIs' validation errors do. */
  { kind: 'status'; status: number; echo?: boolean } | { kind: 'hang' } | { kind: 'delay'; ms: number };

export type FakeJob = {
  id: string;
  body: Record<string, unknown>;
  polls: number;
  canceled: boolean;
  deleted: boolean;
  remixOf: string | undefined;
};

export type FakeUpstream = {
  origin: string;
  /** Jobs created by a submit or remix (including ones whose answer never arrived). */
  jobs: Map<string, FakeJob>;
  /** POST /jobs requests received, faulted or not. */
  submitRequests: number;
  /** POST /uploads requests received. */
  uploadRequests: number;
  /** How long POST /uploads takes. Default 0. */
  uploadDelayMs: number;
  /** Makes the next `GET /jobs?reference=` lookups answer 503 this many times. */
  failLookups: number;
  failNextSubmits(fault: SubmitFault, times?: number): void;
  /** Polls a job needs before it finishes. Default 2. */
  pollsToFinish: number;
  /** How the next jobs end. */
  outcome: 'succeed' | 'fail' | 'never';
  /** Makes GET /jobs/:id/content fail this many times. */
  failContent: number;
  /** When set, a finished job says it was billed this much (millionths of a USD). */
  billedMicros: number | undefined;
  close(): Promise<void>;
};

/** Bytes served as the video: a fixed ftyp header plus filler, enough to tell files apart. */
export const fakeVideoBytes = new Uint8Array([
  0,
  0,
  0,
  24,
  0x66,
  0x74,
  0x79,
  0x70,
  0x69,
  0x73,
  0x6f,
  0x6d,
  0,
  0,
  2,
  0,
  0x69,
  0x73,
  0x6f,
  0x6d,
  0x6d,
  0x70,
  0x34,
  0x31,
  ...new Array<number>(4096).fill(7),
]);

/** A tiny upstream video API over real loopback HTTP, for engine tests that need exact control. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const faults: SubmitFault[] = [];
  const hung = new Set<ServerResponse>();
  const upstream: FakeUpstream = {
    origin: '',
    jobs: new Map(),
    submitRequests: 0,
    uploadRequests: 0,
    uploadDelayMs: 0,
    failLookups: 0,
    pollsToFinish: 2,
    outcome: 'succeed',
    billedMicros: undefined,
    failContent: 0,
    failNextSubmits(fault, times = 1) {
      for (let index = 0; index < times; index++) faults.push(fault);
    },
    close: async () => {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const outcomes = new Map<string, FakeUpstream['outcome']>();

  const createJob = (body: Record<string, unknown>, remixOf?: string): FakeJob => {
    const job: FakeJob = {
      id: `job_${randomBytes(6).toString('hex')}`,
      body,
      polls: 0,
      canceled: false,
      deleted: false,
      remixOf,
    };
    upstream.jobs.set(job.id, job);
    outcomes.set(job.id, upstream.outcome);
    return job;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readJson(request);
    const parts = url.pathname.split('/').filter(Boolean);
    if (request.method === 'POST' && url.pathname === '/jobs') {
      upstream.submitRequests += 1;
      const fault = faults.shift();
      if (fault?.kind === 'status') {
        const message = fault.echo ? `invalid input: ${JSON.stringify(body)}` : 'injected failure';
        return send(response, fault.status, { error: { message, type: 'server_error' } });
      }
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      const job = createJob(body);
      if (fault?.kind === 'hang') {
        hung.add(response);
        return;
      }
      return send(response, 201, { id: job.id, status: 'queued' });
    }
    if (request.method === 'POST' && url.pathname === '/uploads') {
      upstream.uploadRequests += 1;
      await new Promise((resolve) => setTimeout(resolve, upstream.uploadDelayMs));
      return send(response, 201, { id: `upload_${randomBytes(4).toString('hex')}` });
    }
    if (request.method === 'GET' && url.pathname === '/jobs') {
      if (upstream.failLookups > 0) {
        upstream.failLookups -= 1;
        return send(response, 503, { error: { message: 'lookups are unavailable', type: 'server_error' } });
      }
      const reference = url.searchParams.get('reference');
      const data = [...upstream.jobs.values()]
        .filter((each) => !each.deleted && each.body['reference'] === reference)
        .map((each) => ({ id: each.id }));
      return send(response, 200, { data });
    }
    const job = parts[0] === 'jobs' && parts[1] ? upstream.jobs.get(parts[1]) : undefined;
    if (!job || job.deleted)
      return send(response, 404, { error: { message: 'no such job', type: 'invalid_request_error' } });
    if (request.method === 'GET' && parts.length === 2) {
      job.polls += 1;
      const outcome = outcomes.get(job.id);
      if (job.canceled) return send(response, 200, { id: job.id, status: 'canceled' });
      if (job.polls < upstream.pollsToFinish || outcome === 'never') {
        return send(response, 200, { id: job.id, status: 'running', progress: Math.min(90, job.polls * 30) });
      }
      if (outcome === 'fail')
        return send(response, 200, { id: job.id, status: 'failed', error: 'the model refused' });
      return send(response, 200, {
        id: job.id,
        status: 'succeeded',
        seconds: Number(job.body['seconds'] ?? 4),
        ...(upstream.billedMicros !== undefined ? { billed_micros: upstream.billedMicros } : {}),
      });
    }
    if (request.method === 'GET' && parts[2] === 'content') {
      if (upstream.failContent > 0) {
        upstream.failContent -= 1;
        return send(response, 503, { error: { message: 'content not ready' } });
      }
      const variant = url.searchParams.get('variant') ?? 'video';
      const bytes = variant === 'thumbnail' ? pngHeader(64, 36) : fakeVideoBytes;
      response.writeHead(200, {
        'content-type': variant === 'thumbnail' ? 'image/png' : 'video/mp4',
        'content-length': String(bytes.byteLength),
      });
      response.end(bytes);
      return;
    }
    if (request.method === 'POST' && parts[2] === 'cancel') {
      job.canceled = true;
      return send(response, 200, { id: job.id, status: 'canceled' });
    }
    if (request.method === 'POST' && parts[2] === 'remix') {
      const remix = createJob({ ...job.body, prompt: body['prompt'] }, job.id);
      return send(response, 201, { id: remix.id, status: 'queued' });
    }
    if (request.method === 'DELETE' && parts.length === 2) {
      job.deleted = true;
      return send(response, 200, { id: job.id, deleted: true });
    }
    send(response, 404, { error: { message: `no route ${request.method} ${url.pathname}` } });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      send(response, 500, { error: { message: String(error) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}

/** The first bytes of a PNG of the given size: enough for any header reader. */
export function pngHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}

function send(response: ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
