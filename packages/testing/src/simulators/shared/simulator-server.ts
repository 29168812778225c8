import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultRule, routeMatches } from './fault';
import type { RecordedRequest } from './recorded-request';

export type SimulatorRequest = RecordedRequest & {
  /** Uploaded files of a multipart body, with their bytes. */
  files: Record<string, { filename: string; contentType: string; data: Uint8Array }>;
};

export type SimulatorResponse = {
  status: number;
  json?: unknown;
  body?: Uint8Array | string;
  headers?: Record<string, string>;
};

export type SimulatorServerOptions = {
  handle: (request: SimulatorRequest) => SimulatorResponse | Promise<SimulatorResponse>;
  /** The provider's own 429 body, for `rate-limit` faults. */
  rateLimitBody: (retryAfterSeconds: number) => unknown;
  /** Bodies above this are refused with 413, as real APIs do. */
  maxBodyBytes?: number;
  /**
   * A port to listen on when it is free (the one a restarted simulator had before), else any free port.
   * Ignored when `port` is given.
   */
  preferredPort?: number;
  /** Called after each request that may have changed a job (any method but GET and HEAD), to persist it. */
  afterChange?: () => void;
};

export type SimulatorServer = {
  origin: string;
  port: number;
  requests: RecordedRequest[];
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
};

/** A real HTTP server on 127.0.0.1 with request recording and fault injection; the dialect is `handle`'s. */
export async function startSimulatorServer(
  options: SimulatorServerOptions,
  port = 0,
): Promise<SimulatorServer> {
  const requests: RecordedRequest[] = [];
  let faults: Array<FaultRule & { remaining: number }> = [];
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;

  const takeFault = (method: string, path: string) => {
    const index = faults.findIndex((rule) => routeMatches(rule.route, method, path));
    if (index < 0) return undefined;
    const rule = faults[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) faults.splice(index, 1);
    return rule.fault;
  };

  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) send(outgoing, { status: 500, json: { error: { message: String(error) } } });
      else outgoing.destroy();
    });
  });

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse) {
    const url = new URL(incoming.url ?? '/', 'http://simulator');
    const method = incoming.method ?? 'GET';
    const rawBody = await readBody(incoming, maxBodyBytes);
    if (rawBody === undefined) {
      send(outgoing, { status: 413, json: { error: { message: 'Request body too large' } } });
      return;
    }
    const request = await toSimulatorRequest(incoming, url, method, rawBody);
    const record: RecordedRequest = { ...stripFiles(request), handled: false };
    requests.push(record);

    const fault = takeFault(method, url.pathname);
    if (fault !== undefined) record.fault = fault.kind;
    if (fault?.kind === 'reset') {
      incoming.socket.destroy();
      return;
    }
    if (fault?.kind === 'stall') {
      // Silent until the client gives up; the timer only bounds a client that never does.
      const timer = setTimeout(() => incoming.socket.destroy(), fault.ms ?? 300_000);
      timer.unref();
      incoming.socket.once('close', () => clearTimeout(timer));
      return;
    }
    if (fault?.kind === 'status') {
      send(outgoing, {
        status: fault.status,
        json: fault.body ?? { error: 'injected' },
        headers: fault.headers ?? {},
      });
      return;
    }
    if (fault?.kind === 'rate-limit') {
      send(outgoing, {
        status: 429,
        json: options.rateLimitBody(fault.retryAfterSeconds),
        headers: { 'retry-after': String(fault.retryAfterSeconds) },
      });
      return;
    }
    if (fault?.kind === 'malformed-json') {
      send(outgoing, {
        status: 200,
        body: '{"id": "oops", "status": ',
        headers: { 'content-type': 'application/json' },
      });
      return;
    }
    if (fault?.kind === 'raw') {
      send(outgoing, {
        status: fault.status,
        body: fault.body,
        headers: { 'content-type': fault.contentType },
      });
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const response = await options.handle(request);
    record.handled = true;
    if (method !== 'GET' && method !== 'HEAD') options.afterChange?.();
    if (fault?.kind === 'hang-after-accept') {
      // The job now exists upstream, but the client never learns its id.
      setTimeout(() => incoming.socket.destroy(), 60_000).unref();
      return;
    }
    if (fault?.kind === 'truncated') {
      const { status, headers, body } = encode(response);
      outgoing.writeHead(status, headers);
      outgoing.write(body.subarray(0, Math.floor(body.byteLength / 2)), () => incoming.socket.destroy());
      return;
    }
    if (fault?.kind === 'content-type') {
      send(outgoing, { ...response, headers: { ...response.headers, 'content-type': fault.contentType } });
      return;
    }
    send(outgoing, response);
  }

  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const preferred = options.preferredPort ?? 0;
  if (port === 0 && preferred !== 0) {
    // Taken by another program since: any free port. Adapters then find the stored jobs by id on their
    // configured base URL, so an operation must never depend on the simulator's old origin.
    await listen(preferred).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
      return listen(0);
    });
  } else {
    await listen(port);
  }
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    injectFault: (rule) => faults.push({ ...rule, remaining: rule.times ?? 1 }),
    clearFaults: () => {
      faults = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(outgoing: ServerResponse, response: SimulatorResponse) {
  const { status, headers, body } = encode(response);
  outgoing.writeHead(status, headers);
  outgoing.end(body);
}

/** The bytes and headers of an answer, `Content-Length` included. */
function encode(response: SimulatorResponse): {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
} {
  const headers: Record<string, string> = { ...response.headers };
  let body = Buffer.alloc(0);
  if (response.json !== undefined) {
    body = Buffer.from(JSON.stringify(response.json));
    headers['content-type'] ??= 'application/json';
  } else if (response.body !== undefined) {
    body = typeof response.body === 'string' ? Buffer.from(response.body) : Buffer.from(response.body);
  }
  headers['content-length'] = String(body.byteLength);
  return { status: response.status, headers, body };
}

async function readBody(incoming: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function toSimulatorRequest(
  incoming: IncomingMessage,
  url: URL,
  method: string,
  rawBody: Buffer,
): Promise<SimulatorRequest> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  const contentType = headers['content-type'];
  let json: unknown;
  let form: RecordedRequest['form'];
  const files: SimulatorRequest['files'] = {};
  if (contentType?.includes('application/json') && rawBody.length > 0) {
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      json = undefined;
    }
  } else if (contentType?.includes('multipart/form-data')) {
    form = {};
    const data = await new Request('http://simulator/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: rawBody,
    }).formData();
    for (const [key, value] of data.entries()) {
      if (typeof value === 'string') form[key] = value;
      else {
        const bytes = new Uint8Array(await value.arrayBuffer());
        form[key] = { filename: value.name, contentType: value.type, size: bytes.byteLength };
        files[key] = { filename: value.name, contentType: value.type, data: bytes };
      }
    }
  }
  return {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams.entries()),
    headers,
    contentType,
    rawBody,
    json,
    form,
    files,
  };
}

function stripFiles(request: SimulatorRequest): RecordedRequest {
  const { files: _files, ...recorded } = request;
  return recorded;
}
