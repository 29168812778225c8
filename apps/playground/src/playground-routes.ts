import { readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Hono } from 'hono';
import { playgroundAssetsDir } from './assets-dir';
import { contentTypeFor } from './content-types';

export type PlaygroundRoutesOptions = {
  /** Where the built page lives. Default `playgroundAssetsDir()` (this package's `dist/public`). */
  assetsDir?: string;
  /**
   * The path the routes are mounted at. The page is built for `/playground/`, so only change this together
   * with Vite's `base`. Default `/playground`.
   */
  basePath?: string;
};

/** Everything the page may load: its own files, images the user points at, and its own API. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https: http:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * A Hono app serving the built playground: static files with their content types, hashed assets cached for
 * good, and `index.html` for any other path without an extension. Mount it at `/playground`:
 *
 * @example
 * app.route('/playground', createPlaygroundRoutes());
 * app.get('/', (c) => c.redirect('/playground/'));
 */
export function createPlaygroundRoutes(options: PlaygroundRoutesOptions = {}): Hono {
  const assetsDir = options.assetsDir ?? playgroundAssetsDir();
  const basePath = (options.basePath ?? '/playground').replace(/\/+$/, '');
  const app = new Hono();

  app.get('*', async (c) => {
    const relative = relativePath(c.req.path, basePath);
    if (relative === undefined) return c.text('Not found.', 404);
    const file = relative === '' ? undefined : await readAsset(assetsDir, relative);
    if (file !== undefined) {
      const immutable = relative.startsWith('assets/');
      return c.body(new Uint8Array(file), 200, {
        'content-type': contentTypeFor(relative),
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
    }
    if (lastSegment(relative).includes('.')) return c.text(`Not found: ${relative}`, 404);
    const index = await readAsset(assetsDir, 'index.html');
    if (index === undefined) {
      return c.text(
        'The playground is not built. Run `pnpm --filter @reelay/playground build` and restart the gateway.',
        503,
      );
    }
    return c.body(new Uint8Array(index), 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'referrer-policy': 'no-referrer',
    });
  });
  return app;
}

/** The request path below the mount point, without a leading slash; `undefined` when it tries to escape. */
function relativePath(path: string, basePath: string): string | undefined {
  const below =
    basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`))
      ? path.slice(basePath.length)
      : path;
  let decoded: string;
  try {
    decoded = decodeURIComponent(below);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return undefined;
  return segments.join('/');
}

function lastSegment(relative: string): string {
  return relative.slice(relative.lastIndexOf('/') + 1);
}

async function readAsset(assetsDir: string, relative: string): Promise<Buffer | undefined> {
  const path = join(assetsDir, relative);
  if (!path.startsWith(assetsDir.endsWith(sep) ? assetsDir : `${assetsDir}${sep}`)) return undefined;
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}
