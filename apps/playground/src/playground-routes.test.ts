import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundRoutes } from './playground-routes';

let assetsDir: string;
let app: Hono;

beforeAll(async () => {
  assetsDir = await mkdtemp(join(tmpdir(), 'reelay-playground-assets-'));
  await mkdir(join(assetsDir, 'assets'));
  await writeFile(join(assetsDir, 'index.html'), '<!doctype html><title>playground</title>');
  await writeFile(join(assetsDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(assetsDir, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(assetsDir, 'favicon.svg'), '<svg/>');
  await writeFile(join(tmpdir(), 'reelay-playground-secret.txt'), 'secret');
  app = new Hono();
  app.route('/playground', createPlaygroundRoutes({ assetsDir }));
});

afterAll(async () => {
  await rm(assetsDir, { recursive: true, force: true });
  await rm(join(tmpdir(), 'reelay-playground-secret.txt'), { force: true });
});

describe('createPlaygroundRoutes', () => {
  it.each([
    ['/playground', 200, 'text/html; charset=utf-8', 'no-cache'],
    ['/playground/', 200, 'text/html; charset=utf-8', 'no-cache'],
    ['/playground/index.html', 200, 'text/html; charset=utf-8', 'no-cache'],
    ['/playground/some/client/route', 200, 'text/html; charset=utf-8', 'no-cache'],
    [
      '/playground/assets/index-abc123.js',
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ],
    [
      '/playground/assets/index-abc123.css',
      200,
      'text/css; charset=utf-8',
      'public, max-age=31536000, immutable',
    ],
    ['/playground/favicon.svg', 200, 'image/svg+xml', 'no-cache'],
  ])('GET %s → %i %s', async (path, status, contentType, cacheControl) => {
    const response = await app.request(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends a content security policy with the page that allows only its own scripts', async () => {
    const response = await app.request('/playground/');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("media-src 'self' blob:");
    expect(await response.text()).toContain('<title>playground</title>');
  });

  it.each([
    '/playground/assets/missing.js',
    '/playground/../reelay-playground-secret.txt',
    '/playground/%2e%2e/reelay-playground-secret.txt',
    '/playground/..%2freelay-playground-secret.txt',
    '/playground/assets/%2e%2e/%2e%2e/reelay-playground-secret.txt',
  ])('GET %s → 404 and never a file outside the assets', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await app.request('/playground/assets/index-abc123.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('says how to build the page when it is not built', async () => {
    const empty = new Hono();
    empty.route('/playground', createPlaygroundRoutes({ assetsDir: join(assetsDir, 'missing') }));
    const response = await empty.request('/playground/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm --filter @reelay/playground build');
  });
});
