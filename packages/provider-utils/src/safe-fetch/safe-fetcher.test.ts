import { describe, expect, it } from 'vitest';
import { ContentTooLargeError } from '../errors/content-too-large-error';
import { UnsafeUrlError } from '../errors/unsafe-url-error';
import { UrlFetchError } from '../errors/url-fetch-error';
import { closedAfterEach, rejection, server } from '../test-support/closed-after-each';
import { readAll, type startLoopbackServer } from '../test-support/loopback-server';
import { createSafeFetcher, type SafeFetcher, type SafeFetcherOptions } from './safe-fetcher';

function fetcher(options: SafeFetcherOptions): SafeFetcher {
  const created = createSafeFetcher(options);
  closedAfterEach(created);
  return created;
}

const okHandler: Parameters<typeof startLoopbackServer>[0] = (_request, response) => {
  response.writeHead(200, { 'content-type': 'image/png' });
  response.end('png bytes');
};

describe('createSafeFetcher', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://10.0.0.1/',
    'http://192.168.0.10:8080/x',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fd00:ec2::254]/',
    'http://2130706433/',
  ])('refuses %s before connecting', async (url) => {
    const safe = fetcher({ trustedOrigins: [] });
    expect(UnsafeUrlError.isInstance(await rejection(safe.fetch(url)))).toBe(true);
    expect(UnsafeUrlError.isInstance(await rejection(safe.assertSafe(url)))).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', 'only http and https'],
    ['ftp://example.com/a', 'only http and https'],
    ['data:text/plain,hi', 'only http and https'],
    ['https://user:pass@example.com/a.png', 'credentials'],
    ['not a url', 'not an absolute URL'],
  ])('refuses %s', async (url, reason) => {
    const error = await rejection(fetcher({ trustedOrigins: [] }).fetch(url));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(reason);
  });

  it('refuses a real loopback server that is not trusted, sending nothing', async () => {
    const local = await server(okHandler);
    const error = await rejection(fetcher({ trustedOrigins: [] }).fetch(`${local.origin}/a.png`));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect((error as UnsafeUrlError).code).toBe('unsafe_url');
    expect((error as UnsafeUrlError).status).toBe(400);
    expect(local.requests).toHaveLength(0);
  });

  it('fetches from a trusted loopback origin', async () => {
    const local = await server(okHandler);
    const content = await fetcher({ trustedOrigins: [`${local.origin}/`] }).fetch(`${local.origin}/a.png`);
    expect(content.contentType).toBe('image/png');
    expect((await readAll(content.body)).toString()).toBe('png bytes');
    expect(local.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('refuses a hostname that resolves to loopback at connect time', async () => {
    const local = await server(okHandler);
    const safe = fetcher({ trustedOrigins: [] });
    const error = await rejection(safe.fetch(`http://localhost:${local.port}/a.png`));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('loopback');
    expect(local.requests).toHaveLength(0);
    expect(
      UnsafeUrlError.isInstance(await rejection(safe.assertSafe(`http://localhost:${local.port}/`))),
    ).toBe(true);
  });

  it('allows private addresses with allowPrivateNetwork, but never metadata', async () => {
    const local = await server(okHandler);
    const safe = fetcher({ trustedOrigins: [], allowPrivateNetwork: true });
    const content = await safe.fetch(`http://localhost:${local.port}/a.png`);
    expect((await readAll(content.body)).toString()).toBe('png bytes');
    await safe.assertSafe(`http://localhost:${local.port}/`);
    expect(UnsafeUrlError.isInstance(await rejection(safe.fetch('http://169.254.169.254/')))).toBe(true);
  });

  it('passes assertSafe for a trusted origin without resolving it', async () => {
    await fetcher({ trustedOrigins: ['http://127.0.0.1:9'] }).assertSafe('http://127.0.0.1:9/x');
  });

  it('refuses a redirect to a private address', async () => {
    const local = await server((_request, response) => {
      response.writeHead(302, { location: 'http://10.0.0.1/internal' });
      response.end();
    });
    const error = await rejection(fetcher({ trustedOrigins: [local.origin] }).fetch(`${local.origin}/start`));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('10.0.0.1');
  });

  it('refuses a redirect to a name that resolves to loopback', async () => {
    const target = await server(okHandler);
    const local = await server((_request, response) => {
      response.writeHead(301, { location: `http://localhost:${target.port}/a.png` });
      response.end();
    });
    const error = await rejection(fetcher({ trustedOrigins: [local.origin] }).fetch(`${local.origin}/start`));
    expect(UnsafeUrlError.isInstance(error)).toBe(true);
    expect(target.requests).toHaveLength(0);
  });

  it('follows redirects between trusted origins', async () => {
    const target = await server(okHandler);
    const local = await server((request, response) => {
      response.writeHead(request.url === '/one' ? 302 : 307, {
        location: request.url === '/one' ? '/two' : `${target.origin}/a.png`,
      });
      response.end();
    });
    const content = await fetcher({ trustedOrigins: [local.origin, target.origin] }).fetch(
      `${local.origin}/one`,
    );
    expect((await readAll(content.body)).toString()).toBe('png bytes');
    expect(local.requests.map((request) => request.url)).toEqual(['/one', '/two']);
  });

  it('stops after 5 redirects', async () => {
    const local = await server((request, response) => {
      response.writeHead(302, { location: `/hop${request.url.length}` });
      response.end();
    });
    const error = await rejection(fetcher({ trustedOrigins: [local.origin] }).fetch(`${local.origin}/`));
    expect(UrlFetchError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('redirects');
    expect(local.requests).toHaveLength(6);
  });

  it('refuses a download whose Content-Length is over the limit', async () => {
    const local = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '2000' });
      response.end(Buffer.alloc(2000));
    });
    const error = await rejection(
      fetcher({ trustedOrigins: [local.origin], maxBytes: 1000 }).fetch(`${local.origin}/v`),
    );
    expect(ContentTooLargeError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('1000 bytes');
  });

  it('aborts a streamed download once it passes the limit', async () => {
    const local = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      response.write(Buffer.alloc(600));
      response.write(Buffer.alloc(600));
      response.end(Buffer.alloc(600));
    });
    const content = await fetcher({ trustedOrigins: [local.origin] }).fetch(`${local.origin}/v`, {
      maxBytes: 1000,
    });
    expect(content.contentLength).toBeUndefined();
    expect(ContentTooLargeError.isInstance(await rejection(readAll(content.body)))).toBe(true);
  });

  it('reports a non-2xx answer', async () => {
    const local = await server((_request, response) => {
      response.writeHead(404);
      response.end('nope');
    });
    const error = await rejection(
      fetcher({ trustedOrigins: [local.origin] }).fetch(`${local.origin}/gone?sig=secret`),
    );
    expect(UrlFetchError.isInstance(error)).toBe(true);
    expect((error as UrlFetchError).statusCode).toBe(404);
    expect((error as UrlFetchError).isRetryable).toBe(false);
    expect((error as Error).message).not.toContain('secret');
  });

  it('refuses credential headers', async () => {
    await expect(
      fetcher({ trustedOrigins: [] }).fetch('https://example.com/a', {
        headers: { Authorization: 'Bearer x' },
      }),
    ).rejects.toThrow(/never sends credentials/);
  });

  it('honours an abort signal', async () => {
    const local = await server(() => {});
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = fetcher({ trustedOrigins: [local.origin] }).fetch(`${local.origin}/slow`, {
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });
});
