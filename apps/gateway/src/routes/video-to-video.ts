import {
  createVideoRequestSchema,
  InvalidRequestError,
  type VideoReference,
  videoReferenceSchema,
} from '@reelay/core';
import type { Engine, RequestContext } from '@reelay/engine';
import { z } from 'zod';
import { limitBody } from '../http/limit-body';
import { readBody } from '../http/read-body';
import { parseRequest } from '../http/validation-error';
import { answerCreate } from './create-video';
import type { RouteDeps } from './route-deps';

const routes = [
  { path: '/v1/videos/extensions', operation: 'extend', mode: 'extend-video' },
  { path: '/v1/videos/edits', operation: 'edit', mode: 'edit-video' },
] as const;

const videoFieldSchema = z.object({ video: videoReferenceSchema });

/**
 * `POST /v1/videos/extensions` and `POST /v1/videos/edits` (the `openai` SDK's `videos.extend` and
 * `videos.edit`): a new video from an existing one, given as `{id}` of a completed Reelay video, an upload, an
 * https URL or a data URI. The model defaults to the source video's; every create field applies
 * (`provider`, `strict`, `webhook_url`, `?dry_run=true`, `Idempotency-Key`).
 */
export function registerVideoToVideo({ app, engine, maxBodyBytes }: RouteDeps): void {
  for (const { path, operation, mode } of routes) {
    app.post(path, limitBody(maxBodyBytes), async (c) => {
      const { video, ...rest } = await readBody(c);
      if (video === undefined) {
        throw new InvalidRequestError({
          param: 'video',
          message: `video is required: {"id": "video_…"} of a completed video, an https URL, or an uploaded file.`,
        });
      }
      const { video: reference } = parseRequest(videoFieldSchema, { video });
      const context = c.get('requestContext');
      const model = rest['model'] ?? (await sourceModel(engine, reference, context, mode));
      const request = parseRequest(createVideoRequestSchema, {
        ...rest,
        model,
        source: { operation, video: reference },
      });
      return answerCreate(c, engine, request);
    });
  }
}

/** The model of the Reelay video being extended or edited; a file or URL has none, so the caller names one. */
async function sourceModel(
  engine: Engine,
  reference: VideoReference,
  context: RequestContext,
  mode: string,
): Promise<string> {
  if (typeof reference === 'object' && 'id' in reference) {
    return (await engine.getVideo(reference.id, context)).model;
  }
  throw new InvalidRequestError({
    param: 'model',
    message: `model is required when video is a file or a URL: name a model that does ${mode} (GET /v1/models lists each model's modes).`,
  });
}
