import { UpstreamError } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSafeFetcher } from '../safe-fetch/safe-fetcher';
import { closedAfterEach, server } from '../test-support/closed-after-each';
import { readAll, sendJson, unusedPort } from '../test-support/loopback-server';
import { parseHttpError } from '../upstream-errors/parse-http-error';
import { createProviderHttpClient, type ProviderHttpClient } from './provider-http-client';

const API_KEY = 'sk-test-0123456789abcdef';
const videoSchema = z.object({ id: z.string(), status: z.string() });

function client(baseURL: string, timeouts?: { headersMs?: number; connectMs?: number }): ProviderHttpClient {
  const created = createProviderHttpClient({
    provider: 'openai',
    baseURL: `${baseURL}/v1/`,
    headers: () => ({ Authorization: `Bearer ${API_KEY}` }),
    parseError: parseHttpError,
    ...(timeouts ? { timeouts } : {}),
  });
  closedAfterEach(created);
  return created;
}

async function upstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!UpstreamError.isInstance(error)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

describe('createProviderHttpClient json', () => {
  it('sends credentials, user agent and JSON, and parses a 2xx body', async () => {
    const api = await server((_request, response) =>
      sendJson(response, 201, { id: 'video_1', status: 'queued', extra: true }, { 'x-request-id': 'req_1' }),
    );
    const result = await client(api.origin).json({
      method: 'POST',
      path: '/videos',
      body: { prompt: 'a cat', seconds: '4' },
      query: { trace: '1' },
      schema: videoSchema,
    });

    expect(result.value).toEqual({ id: 'video_1', status: 'queued' });
    expect(result.status).toBe(201);
    expect(result.headers.get('x-request-id')).toBe('req_1');
    const [recorded] = api.requests;
    expect(recorded?.method).toBe('POST');
    expect(recorded?.url).toBe('/v1/videos?trace=1');
    expect(recorded?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(recorded?.headers['user-agent']).toBe('reelay/openai');
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(recorded?.body.toString() ?? '')).toEqual({ prompt: 'a cat', seconds: '4' });
  });

  it('sends FormData as multipart', async () => {
    const api = await server((_request, response) =>
      sendJson(response, 200, { id: 'video_2', status: 'queued' }),
    );
    const form = new FormData();
    form.append('prompt', 'a dog');
    form.append('input_reference', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'first.png');

    await client(api.origin).json({ method: 'POST', path: '/videos', body: form, schema: videoSchema });

    const recorded = api.requests[0];
    expect(recorded?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const text = recorded?.body.toString('latin1') ?? '';
    expect(text).toContain('name="prompt"');
    expect(text).toContain('a dog');
    expect(text).toContain('filename="first.png"');
    expect(text).toContain('Content-Type: image/png');
  });

  it('turns a 2xx body that fails the schema into invalid_response', async () => {
    const api = await server((_request, response) => sendJson(response, 200, { id: 7 }));
    const error = await upstreamError(
      client(api.origin).json({ method: 'GET', path: '/videos/v', schema: videoSchema }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.providerCode).toBe('invalid_response');
    expect(error.message).toContain('HTTP 200');
    expect(error.message).toContain('id:');
    expect(error.status).toBe(502);
  });

  it('turns a 2xx body that is not JSON into invalid_response', async () => {
    const api = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>hello</html>');
    });
    const error = await upstreamError(
      client(api.origin).json({ method: 'POST', path: '/videos', schema: videoSchema }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.nothingCreated).toBe(false);
    expect(error.responseBody).toBe('<html>hello</html>');
  });

  it('makes a 429 with Retry-After retryable after that delay', async () => {
    const api = await server((_request, response) =>
      sendJson(
        response,
        429,
        { error: { message: 'Rate limited', type: 'requests', code: 'rate_limit_exceeded' } },
        {
          'retry-after': '7',
        },
      ),
    );
    const error = await upstreamError(
      client(api.origin).json({ method: 'POST', path: '/videos', schema: videoSchema }),
    );
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.providerCode).toBe('rate_limit_exceeded');
    expect(error.nothingCreated).toBe(true);
  });

  it.each([
    [503, true],
    [500, true],
    [400, false],
    [404, false],
  ])('HTTP %i is retryable: %s', async (status, retryable) => {
    const api = await server((_request, response) =>
      sendJson(response, status, { error: { message: 'no' } }),
    );
    const error = await upstreamError(
      client(api.origin).json({ method: 'POST', path: '/videos', schema: videoSchema }),
    );
    expect(error.statusCode).toBe(status);
    expect(error.isRetryable).toBe(retryable);
    expect(error.nothingCreated).toBe(true);
  });

  it('reports ECONNREFUSED as nothing created', async () => {
    const port = await unusedPort();
    const error = await upstreamError(
      client(`http://127.0.0.1:${port}`).json({ method: 'POST', path: '/videos', schema: videoSchema }),
    );
    expect(error.statusCode).toBeUndefined();
    expect(error.nothingCreated).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('connection refused');
  });

  it('reports a POST that hangs past the headers timeout as ambiguous', async () => {
    const api = await server(() => {
      // Accepts the body, never answers.
    });
    const error = await upstreamError(
      client(api.origin, { headersMs: 300 }).json({
        method: 'POST',
        path: '/videos',
        body: { a: 1 },
        schema: videoSchema,
      }),
    );
    expect(api.requests).toHaveLength(1);
    expect(error.nothingCreated).toBe(false);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('headers timeout');
  });

  it('reports a GET that hangs past the headers timeout as nothing created', async () => {
    const api = await server(() => {});
    const error = await upstreamError(
      client(api.origin, { headersMs: 300 }).json({ method: 'GET', path: '/videos/v', schema: videoSchema }),
    );
    expect(error.nothingCreated).toBe(true);
    expect(error.isRetryable).toBe(true);
  });

  it('accepts an absolute URL on its own origin', async () => {
    const api = await server((_request, response) => sendJson(response, 200, { id: 'v', status: 'done' }));
    await client(api.origin).json({
      method: 'GET',
      url: `${api.origin}/requests/abc/status?logs=1`,
      schema: videoSchema,
    });
    expect(api.requests[0]?.url).toBe('/requests/abc/status?logs=1');
    expect(api.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('refuses to send credentials to another origin', async () => {
    const api = await server((_request, response) => sendJson(response, 200, { id: 'v', status: 'done' }));
    const other = await server((_request, response) => sendJson(response, 200, { id: 'v', status: 'done' }));
    const error = await upstreamError(
      client(api.origin).json({ method: 'GET', url: `${other.origin}/steal`, schema: videoSchema }),
    );
    expect(error.providerCode).toBe('untrusted_origin');
    expect(other.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(0);
  });

  it('honours an abort signal', async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const api = await server(() => arrived());
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const pending = client(api.origin).json({
      method: 'GET',
      path: '/videos/v',
      schema: videoSchema,
      abortSignal: controller.signal,
    });
    await requestArrived;
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects at once with an already aborted signal', async () => {
    const api = await server((_request, response) => sendJson(response, 200, { id: 'v', status: 'done' }));
    const controller = new AbortController();
    controller.abort();
    await expect(
      client(api.origin).json({
        method: 'GET',
        path: '/x',
        schema: videoSchema,
        abortSignal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(0);
  });

  it('keeps the credential out of errors even when the provider echoes it', async () => {
    const api = await server((request, response) =>
      sendJson(response, 401, {
        error: {
          message: `Incorrect API key provided: ${request.headers['authorization']}`,
          code: 'invalid_api_key',
        },
      }),
    );
    const error = await upstreamError(
      client(api.origin).json({
        method: 'GET',
        path: '/videos',
        query: { key: API_KEY },
        schema: videoSchema,
      }),
    );
    const everything = `${error.message} ${error.url} ${error.responseBody} ${error.stack}`;
    expect(everything).not.toContain(API_KEY);
    expect(error.message).toContain('HTTP 401');
    expect(error.url).toBe(`${api.origin}/v1/videos`);
  });
});

describe('createProviderHttpClient stream', () => {
  it('streams bytes with credentials from its own origin', async () => {
    const bytes = Buffer.from('fake mp4 bytes');
    const api = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) });
      response.end(bytes);
    });
    const content = await client(api.origin).stream({
      path: '/videos/v/content',
      query: { variant: 'video' },
    });
    expect(content.contentType).toBe('video/mp4');
    expect(content.contentLength).toBe(bytes.length);
    expect(await readAll(content.body)).toEqual(bytes);
    expect(api.requests[0]?.url).toBe('/v1/videos/v/content?variant=video');
    expect(api.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('parses an error answer', async () => {
    const api = await server((_request, response) =>
      sendJson(response, 404, { error: { message: 'Video gone' } }),
    );
    const error = await upstreamError(client(api.origin).stream({ path: '/videos/v/content' }));
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain('Video gone');
  });

  it('follows a same-origin redirect with credentials', async () => {
    const api = await server((request, response) => {
      if (request.url === '/v1/videos/v/content') {
        response.writeHead(302, { location: '/v1/files/v.mp4' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'video/mp4' });
      response.end('ok');
    });
    const content = await client(api.origin).stream({ path: '/videos/v/content' });
    expect((await readAll(content.body)).toString()).toBe('ok');
    expect(api.requests[1]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('follows a cross-origin redirect without credentials, through the safe fetcher', async () => {
    const cdn = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      response.end('cdn bytes');
    });
    const api = await server((_request, response) => {
      response.writeHead(307, { location: `${cdn.origin}/signed/v.mp4?sig=abc` });
      response.end();
    });
    const redirectFetcher = createSafeFetcher({ trustedOrigins: [cdn.origin] });
    closedAfterEach(redirectFetcher);
    const created = createProviderHttpClient({
      provider: 'openai',
      baseURL: api.origin,
      headers: () => ({ authorization: `Bearer ${API_KEY}` }),
      parseError: parseHttpError,
      redirectFetcher,
    });
    closedAfterEach(created);

    const content = await created.stream({ path: '/videos/v/content' });
    expect((await readAll(content.body)).toString()).toBe('cdn bytes');
    expect(cdn.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('refuses a cross-origin redirect to a private address by default', async () => {
    const internal = await server((_request, response) => response.end('secret'));
    const api = await server((_request, response) => {
      response.writeHead(302, { location: `${internal.origin}/admin` });
      response.end();
    });
    const error = await upstreamError(client(api.origin).stream({ path: '/videos/v/content' }));
    expect(error.providerCode).toBe('unsafe_redirect');
    expect(internal.requests).toHaveLength(0);
  });
});
