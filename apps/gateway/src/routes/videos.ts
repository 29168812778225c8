import { numberLike } from '@reelay/core';
import { z } from 'zod';
import { parseRequest } from '../http/validation-error';
import type { RouteDeps } from './route-deps';

const listQuerySchema = z.object({
  after: z.string().min(1).max(200).optional(),
  limit: numberLike.pipe(z.number().int('must be a whole number').min(1).max(100)).optional(),
  order: z.enum(['asc', 'desc'], { error: 'must be "asc" or "desc"' }).optional(),
});

/** `GET /v1/videos` (cursor pagination), `GET /v1/videos/:id`, `DELETE /v1/videos/:id`. */
export function registerVideos({ app, engine, lifecycleHeadersFor }: RouteDeps): void {
  app.get('/v1/videos', async (c) => {
    const { after, limit, order } = parseRequest(listQuerySchema, c.req.query());
    return c.json(
      await engine.listVideos(c.get('requestContext'), {
        ...(after !== undefined ? { after } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(order !== undefined ? { order } : {}),
      }),
    );
  });

  app.get('/v1/videos/:id', async (c) => {
    const video = await engine.getVideo(c.req.param('id'), c.get('requestContext'));
    for (const [name, value] of Object.entries(lifecycleHeadersFor(video.model))) c.header(name, value);
    return c.json(video);
  });

  app.delete('/v1/videos/:id', async (c) =>
    c.json(await engine.deleteVideo(c.req.param('id'), c.get('requestContext'))),
  );
}
