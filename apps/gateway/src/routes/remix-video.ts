import { remixVideoRequestSchema } from '@reelay/core';
import { limitBody } from '../http/limit-body';
import { readBody } from '../http/read-body';
import { parseRequest } from '../http/validation-error';
import type { RouteDeps } from './route-deps';

/** `POST /v1/videos/:id/remix`: a new job at the provider that made the original, with a new prompt. */
export function registerRemixVideo({ app, engine, maxBodyBytes, lifecycleHeadersFor }: RouteDeps): void {
  app.post('/v1/videos/:id/remix', limitBody(maxBodyBytes), async (c) => {
    const { prompt } = parseRequest(remixVideoRequestSchema, await readBody(c));
    const video = await engine.remixVideo(c.req.param('id'), prompt, c.get('requestContext'));
    c.set('jobId', video.id);
    for (const [name, value] of Object.entries(lifecycleHeadersFor(video.model))) c.header(name, value);
    return c.json(video);
  });
}
