import { type CreateVideoRequest, createVideoRequestSchema, InvalidRequestError } from '@reelay/core';
import type { Engine } from '@reelay/engine';
import type { Context } from 'hono';
import type { GatewayEnv } from '../http/gateway-env';
import { lifecycleHeaders } from '../http/lifecycle-headers';
import { limitBody } from '../http/limit-body';
import { readBody } from '../http/read-body';
import { parseRequest } from '../http/validation-error';
import type { RouteDeps } from './route-deps';

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * `POST /v1/videos`: JSON or multipart (the OpenAI SDK sends multipart). `?dry_run=true` answers with the
 * route, normalization and price and submits nothing. `Idempotency-Key` makes retries safe.
 */
export function registerCreateVideo({ app, engine, maxBodyBytes }: RouteDeps): void {
  app.post('/v1/videos', limitBody(maxBodyBytes), async (c) => {
    const body = await readBody(c);
    if (body['source'] !== undefined) {
      throw new InvalidRequestError({
        param: 'source',
        message: 'To extend or edit a video, use POST /v1/videos/extensions or POST /v1/videos/edits.',
      });
    }
    return answerCreate(c, engine, parseRequest(createVideoRequestSchema, body));
  });
}

/** Creates (or, with `?dry_run=true`, plans) a video and answers with it, its lifecycle headers and replay mark. */
export async function answerCreate(c: Context<GatewayEnv>, engine: Engine, request: CreateVideoRequest) {
  const dryRun = parseDryRun(c.req.query('dry_run'));
  const context = c.get('requestContext');
  checkIdempotencyKey(context.idempotencyKey);
  if (dryRun) {
    const plan = await engine.dryRun(request, context);
    for (const [name, value] of Object.entries(lifecycleHeaders(plan.deprecation))) c.header(name, value);
    return c.json(plan);
  }
  const result = await engine.createVideo(request, context);
  c.set('jobId', result.video.id);
  for (const [name, value] of Object.entries(lifecycleHeaders(result.deprecation))) c.header(name, value);
  if (result.replayed) c.header('idempotent-replayed', 'true');
  return c.json(result.video);
}

function parseDryRun(value: string | undefined): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === '' || value === 'true' || value === '1') return true;
  throw new InvalidRequestError({
    param: 'dry_run',
    message: `'dry_run' must be true or false, got "${value.slice(0, 40)}".`,
  });
}

function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new InvalidRequestError({
      param: 'Idempotency-Key',
      message: `The Idempotency-Key header must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters (a UUID is typical).`,
    });
  }
}
