import { InvalidRequestError, ReelayError } from '@reelay/core';
import { decideRange } from '../http/byte-range';
import type { RouteDeps } from './route-deps';

const VARIANTS = ['video', 'thumbnail', 'spritesheet'] as const;
type Variant = (typeof VARIANTS)[number];

/**
 * `GET /v1/videos/:id/content?variant=video|thumbnail|spritesheet`: the stored output, streamed from the output
 * store (the data dir, or the shared bucket: any instance answers) with HTTP Range support (206 / 416). The
 * bytes pass through, never whole in memory; a bucket is asked for the range only. Streaming through (rather
 * than redirecting to a presigned URL) keeps one origin, the API key check and Range behaviour the same for
 * every client; docs/deploy.md weighs the two.
 */
export function registerVideoContent({ app, engine }: RouteDeps): void {
  app.get('/v1/videos/:id/content', async (c) => {
    const variant = parseVariant(c.req.query('variant'));
    const file = await engine.openContent(c.req.param('id'), variant, c.get('requestContext'));
    const headers = new Headers({
      'content-type': file.contentType,
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=3600',
      'x-request-id': c.get('requestId'),
    });

    const range = decideRange(c.req.header('range'), file.size);
    if (range.kind === 'unsatisfiable') {
      headers.set('content-range', `bytes */${file.size}`);
      const error = new ReelayError({
        status: 416,
        type: 'invalid_request_error',
        code: 'range_not_satisfiable',
        param: 'Range',
        message: `The Range header asks for bytes outside the ${file.size}-byte file.`,
      });
      headers.set('content-type', 'application/json');
      return new Response(JSON.stringify(error.toJSON()), { status: 416, headers });
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : file.size - 1;
    const length = Math.max(0, end - start + 1);
    headers.set('content-length', String(length));
    if (range.kind === 'partial') headers.set('content-range', `bytes ${start}-${end}/${file.size}`);
    const status = range.kind === 'partial' ? 206 : 200;

    if (c.req.raw.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
    const body = await file.open(range.kind === 'partial' ? { start, end } : undefined);
    return new Response(body, { status, headers });
  });
}

function parseVariant(value: string | undefined): Variant {
  if (value === undefined || value === '') return 'video';
  const variant = VARIANTS.find((candidate) => candidate === value);
  if (variant !== undefined) return variant;
  throw new InvalidRequestError({
    param: 'variant',
    message: `'variant' must be one of ${VARIANTS.join(', ')}, got "${value.slice(0, 40)}".`,
  });
}
