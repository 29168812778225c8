import { describe, expect, it } from 'vitest';
import { UnsafeUrlError } from '../errors/unsafe-url-error';
import { UrlFetchError } from '../errors/url-fetch-error';
import { closedAfterEach, rejection, server } from '../test-support/closed-after-each';
import { type startLoopbackServer, unusedPort } from '../test-support/loopback-server';
import { createSafeFetcher, type SafeFetcher, type SafeFetcherOptions } from './safe-fetcher';

function fetcher(options: SafeFetcherOptions): SafeFetcher {
  const created = createSafeFetcher(options);
  closedAfterEach(created);
  return created;
}

const answer =
  (status: number, text = ''): Parameters<typeof startLoopbackServer>[0] =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', location: '/elsewhere' });
    response.end(text);
  };

describe('SafeFetcher.post', () => {
  it('sends the body and headers to a trusted origin and resolves with any status', async () => {
    const receiver = await server(answer(503, 'try later'));
    const safe = fetcher({ trustedOrigins: [receiver.origin] });
    const response = await safe.post(`${receiver.origin}/hook?x=1`, {
      body: '{"id":"evt_1"}',
      headers: { 'content-type': 'application/json', 'webhook-id': 'evt_1' },
    });
    expect(response).toMatchObject({ status: 503, bodyText: 'try later' });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/hook?x=1' });
    expect(request?.headers['webhook-id']).toBe('evt_1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.body.toString()).toBe('{"id":"evt_1"}');
  });

  it('sends bytes as is and does not follow a redirect', async () => {
    const receiver = await server(answer(307));
    const response = await fetcher({ trustedOrigins: [receiver.origin] }).post(`${receiver.origin}/a`, {
      body: new Uint8Array([1, 2, 3]),
    });
    expect(response.status).toBe(307);
    expect(receiver.requests.map((request) => [...request.body])).toEqual([[1, 2, 3]]);
  });

  it.each([
    (origin: string) => `${origin}/hook`,
    (origin: string) => `${origin.replace('127.0.0.1', 'localhost')}/hook`,
    () => 'http://169.254.169.254/latest',
    () => 'http://10.0.0.1/hook',
  ])('refuses a private or loopback receiver that is not trusted, sending nothing (%#)', async (url) => {
    const receiver = await server(answer(200));
    const error = await rejection(fetcher({ trustedOrigins: [] }).post(url(receiver.origin), { body: '{}' }));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses credential headers', async () => {
    await expect(
      fetcher({ trustedOrigins: [] }).post('https://example.com/hook', {
        body: '{}',
        headers: { authorization: 'Bearer x' },
      }),
    ).rejects.toThrow(/never sends credentials/);
  });

  it('reports a receiver that never answers as a retryable timeout', async () => {
    const receiver = await server(() => {});
    const error = await rejection(
      fetcher({ trustedOrigins: [receiver.origin] }).post(`${receiver.origin}/slow`, {
        body: '{}',
        timeoutMs: 100,
      }),
    );
    expect(UrlFetchError.isInstance(error)).toBe(true);
    expect((error as UrlFetchError).isRetryable).toBe(true);
    expect((error as Error).message).toContain('within 100 ms');
  });

  it('reports a refused connection as retryable', async () => {
    const origin = `http://127.0.0.1:${await unusedPort()}`;
    const error = await rejection(fetcher({ trustedOrigins: [origin] }).post(`${origin}/x`, { body: '{}' }));
    expect(UrlFetchError.isInstance(error)).toBe(true);
    expect((error as UrlFetchError).isRetryable).toBe(true);
  });

  it('rejects with the reason of an aborted signal', async () => {
    const receiver = await server(() => {});
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = fetcher({ trustedOrigins: [receiver.origin] }).post(`${receiver.origin}/slow`, {
      body: '{}',
      abortSignal: controller.signal,
      timeoutMs: 10_000,
    });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });
});
