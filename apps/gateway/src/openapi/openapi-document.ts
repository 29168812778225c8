import { createVideoRequestSchema, remixVideoRequestSchema, videoReferenceSchema } from '@reelay/core';
import {
  type JsonSchema,
  componentRef as ref,
  requestSchema,
  responseComponentSchemas,
  withDescriptions,
} from './component-schemas';
import { createVideoFieldDocs, videoFieldDocs } from './field-docs';

type Operation = Record<string, unknown>;

/** The create body as JSON: a file is a URL or data URI (bytes only travel in multipart). */
function createJsonSchema(): JsonSchema {
  const schema = requestSchema(createVideoRequestSchema, createVideoFieldDocs);
  const properties = schema['properties'] as Record<string, JsonSchema>;
  // `source` is what the extend and edit routes set; their own bodies document it as `video`.
  delete properties['source'];
  withoutUploads(properties['input_reference']);
  withoutUploads(properties['last_frame']);
  withoutUploads(properties['reference_images']?.['items'] as JsonSchema | undefined);
  return schema;
}

/** The body of `POST /v1/videos/extensions` and `/v1/videos/edits`: the create fields plus `video`. */
function videoToVideoJsonSchema(createJson: JsonSchema): JsonSchema {
  const schema = structuredClone(createJson);
  const properties = schema['properties'] as Record<string, JsonSchema>;
  const video = requestSchema(videoReferenceSchema);
  withoutUploads(video);
  properties['video'] = { ...video, description: createVideoFieldDocs['video'] };
  properties['model'] = { type: 'string', description: createVideoFieldDocs['source_model'] };
  schema['required'] = ['prompt', 'video'];
  return schema;
}

function withoutUploads(schema: JsonSchema | undefined): void {
  if (schema !== undefined && Array.isArray(schema['anyOf'])) {
    schema['anyOf'] = (schema['anyOf'] as JsonSchema[]).filter((branch) => !isUploadBranch(branch));
  }
}

/** The create body as multipart/form-data, the way the OpenAI SDK sends it. */
function createMultipartSchema(json: JsonSchema): JsonSchema {
  const schema = structuredClone(json);
  const properties = schema['properties'] as Record<string, JsonSchema>;
  for (const field of ['input_reference', 'last_frame', 'video']) {
    if (properties[field] === undefined) continue;
    properties[field] = {
      description: createVideoFieldDocs[field],
      anyOf: [{ type: 'string', format: 'binary' }, { type: 'string' }],
    };
  }
  if (properties['reference_images'] !== undefined) {
    properties['reference_images'] = {
      description: createVideoFieldDocs['reference_images'],
      type: 'array',
      items: { anyOf: [{ type: 'string', format: 'binary' }, { type: 'string' }] },
    };
  }
  return schema;
}

function isUploadBranch(branch: JsonSchema): boolean {
  const properties = branch['properties'];
  return typeof properties === 'object' && properties !== null && 'kind' in properties;
}

function videoToVideoPaths(): Record<string, Record<string, Operation>> {
  const operation = (operationId: string, summary: string, description: string): Operation => ({
    operationId,
    tags: ['Videos'],
    summary,
    description,
    parameters: [
      {
        name: 'dry_run',
        in: 'query',
        schema: { type: 'boolean' },
        description: 'Plan only: nothing is submitted.',
      },
      { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 } },
    ],
    requestBody: {
      required: true,
      content: {
        ...json('VideoToVideoRequest'),
        'multipart/form-data': { schema: ref('VideoToVideoMultipartRequest') },
      },
    },
    responses: {
      '200': createdOrPlanned('The new video, queued; or, with `?dry_run=true`, the plan.'),
      ...errorResponses(400, 401, 404, 409, 413, 415, 429, 502),
    },
  });
  return {
    '/v1/videos/extensions': {
      post: operation(
        'extendVideo',
        'Extend a video',
        'A new video that continues an existing one (`videos.extend` in the OpenAI SDKs). `seconds` is the length of the new segment. Routed to offerings whose modes include `extend-video`; 400 naming `video` where none can.',
      ),
    },
    '/v1/videos/edits': {
      post: operation(
        'editVideo',
        'Edit a video',
        'A new video that changes an existing one as the prompt says (`videos.edit` in the OpenAI SDKs), keeping its size and length. Routed to offerings whose modes include `edit-video`; 400 naming `video` where none can.',
      ),
    },
  };
}

const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
/** A create answers with the video, or with the dry-run plan: `object` tells which. */
const createdOrPlanned = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        oneOf: [ref('Video'), ref('DryRunResult')],
        discriminator: {
          propertyName: 'object',
          mapping: { video: ref('Video').$ref, 'video.dry_run': ref('DryRunResult').$ref },
        },
      },
    },
  },
});
const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: errorDescriptions[status] ?? 'Error', content: json('Error') },
    ]),
  );
const errorDescriptions: Record<number, string> = {
  400: 'Invalid request: `param` names the field, `message` says what would work.',
  401: 'Missing or wrong API key.',
  404: 'No such video (or it belongs to another key), or no such model.',
  409: 'Idempotency-Key reused with a different body.',
  413: 'Body too large.',
  415: 'Unsupported Content-Type.',
  416: 'Range not satisfiable.',
  429: 'Rate limited upstream.',
  502: 'Every candidate provider failed; `message` lists each attempt.',
};
const videoIdParam = { name: 'video_id', in: 'path', required: true, schema: { type: 'string' } };

/**
 * The OpenAPI 3.1 document of the gateway, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what is enforced.
 */
export function buildOpenApiDocument(
  options: { version?: string; providerIds?: string[] } = {},
): Record<string, unknown> {
  const createJson = createJsonSchema();
  const videoToVideoJson = videoToVideoJsonSchema(createJson);
  const responses = responseComponentSchemas();
  const paths: Record<string, Record<string, Operation>> = {
    '/v1/videos': {
      post: {
        operationId: 'createVideo',
        tags: ['Videos'],
        summary: 'Create a video',
        description:
          'Validates, routes to the cheapest capable healthy provider, persists the job, submits it and answers with the video object. With `?dry_run=true`, answers with the route, normalization and price and submits nothing.',
        parameters: [
          {
            name: 'dry_run',
            in: 'query',
            schema: { type: 'boolean' },
            description: 'Plan only: nothing is submitted.',
          },
          {
            name: 'Idempotency-Key',
            in: 'header',
            schema: { type: 'string', maxLength: 255 },
            description:
              'The same key and body return the same job and never submit twice; the same key with another body is refused (409).',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('CreateVideoRequest') },
            'multipart/form-data': {
              schema: ref('CreateVideoMultipartRequest'),
              encoding: {
                metadata: { style: 'deepObject', explode: true },
                provider: { style: 'deepObject', explode: true },
              },
            },
          },
        },
        responses: {
          '200': createdOrPlanned(
            'The created (or, with Idempotency-Key, replayed) video; or, with `?dry_run=true`, the plan (`object: "video.dry_run"`): the providers a real create would try in order, each with its normalization report and quote, the offerings skipped and why, and the cost estimate.',
          ),
          ...errorResponses(400, 401, 409, 413, 415, 429, 502),
        },
      },
      get: {
        operationId: 'listVideos',
        tags: ['Videos'],
        summary: 'List videos',
        description: "This API key's videos, newest first by default, with cursor pagination.",
        parameters: [
          {
            name: 'after',
            in: 'query',
            schema: { type: 'string' },
            description: 'Id of the last video of the previous page.',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'order', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
        ],
        responses: {
          '200': { description: 'A page of videos.', content: json('VideoList') },
          ...errorResponses(400, 401),
        },
      },
    },
    '/v1/videos/{video_id}': {
      get: {
        operationId: 'retrieveVideo',
        tags: ['Videos'],
        summary: 'Retrieve a video',
        parameters: [videoIdParam],
        responses: {
          '200': { description: 'The video, with current status and progress.', content: json('Video') },
          ...errorResponses(401, 404),
        },
      },
      delete: {
        operationId: 'deleteVideo',
        tags: ['Videos'],
        summary: 'Delete a video',
        description: 'Cancels a running job upstream where the provider can, and removes the stored output.',
        parameters: [videoIdParam],
        responses: {
          '200': { description: 'Deleted.', content: json('VideoDeleted') },
          ...errorResponses(401, 404),
        },
      },
    },
    '/v1/videos/{video_id}/content': {
      get: {
        operationId: 'downloadVideoContent',
        tags: ['Videos'],
        summary: 'Download video content',
        description:
          'Streams the stored output. Supports `Range` (206, or 416 when no requested byte exists).',
        parameters: [
          videoIdParam,
          {
            name: 'variant',
            in: 'query',
            schema: { type: 'string', enum: ['video', 'thumbnail', 'spritesheet'], default: 'video' },
          },
          { name: 'Range', in: 'header', schema: { type: 'string' }, example: 'bytes=0-1023' },
        ],
        responses: {
          '200': {
            description: 'The whole file.',
            content: {
              'video/mp4': { schema: { type: 'string', format: 'binary' } },
              'image/png': { schema: { type: 'string', format: 'binary' } },
              'image/jpeg': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '206': {
            description: 'The requested byte range; `Content-Range` says which.',
            content: { 'video/mp4': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errorResponses(400, 401, 404, 416),
        },
      },
    },
    '/v1/videos/{video_id}/remix': {
      post: {
        operationId: 'remixVideo',
        tags: ['Videos'],
        summary: 'Remix a video',
        description:
          'A new job from a finished one with a new prompt, sent to the provider that made the original. Refused with 400 where that provider cannot remix.',
        parameters: [videoIdParam],
        requestBody: { required: true, content: json('RemixVideoRequest') },
        responses: {
          '200': { description: 'The new video.', content: json('Video') },
          ...errorResponses(400, 401, 404, 502),
        },
      },
    },
    ...videoToVideoPaths(),
    '/v1/models': {
      get: {
        operationId: 'listModels',
        tags: ['Models'],
        summary: 'List models',
        description:
          'OpenAI\'s list shape; each model adds capabilities, providers with prices ("from $0.30/s") and lifecycle.',
        responses: {
          '200': { description: 'Every routable model.', content: json('ModelList') },
          ...errorResponses(401),
        },
      },
    },
    '/v1/models/{model_id}': {
      get: {
        operationId: 'retrieveModel',
        tags: ['Models'],
        summary: 'Retrieve a model',
        description:
          'Deprecated and retired models answer with `Deprecation`, `Sunset` and successor `Link` headers.',
        parameters: [
          { name: 'model_id', in: 'path', required: true, schema: { type: 'string' }, example: 'sora-2-pro' },
        ],
        responses: {
          '200': { description: 'The model card.', content: json('Model') },
          ...errorResponses(401, 404),
        },
      },
    },
    '/v1/usage': {
      get: {
        operationId: 'getUsage',
        tags: ['Operations'],
        summary: 'Usage export',
        description:
          "Spend, requests, videos, seconds of completed video and failures of the jobs created in `[start, end)`, grouped by any of UTC day, API key, model and provider, with totals; as JSON, or as CSV with `format=csv` or `Accept: text/csv`. An API key sees only its own jobs (`visibility: own_key`); a gateway without keys (which serves loopback clients only) shows every key's (`all_keys`).",
        parameters: [
          {
            name: 'start',
            in: 'query',
            schema: { type: 'string' },
            example: '2026-12-01',
            description:
              'Inclusive: a UTC date (`YYYY-MM-DD`) or unix seconds. Default: UTC midnight 29 days before the day of `end` (30 days).',
          },
          {
            name: 'end',
            in: 'query',
            schema: { type: 'string' },
            example: '2026-12-31',
            description: 'Exclusive unix seconds, or a UTC date whose whole day is included. Default: now.',
          },
          {
            name: 'group_by',
            in: 'query',
            schema: { type: 'string', default: 'day' },
            example: 'day,model',
            description:
              'Comma-separated (or repeated) `day`, `key`, `model`, `provider`; empty for one row of totals.',
          },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        ],
        responses: {
          '200': {
            description: 'The usage report; in CSV, one line per row of `data` (no totals line).',
            content: {
              ...json('UsageReport'),
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    '/v1/provider-webhooks/{provider}': {
      post: {
        operationId: 'receiveProviderWebhook',
        tags: ['Operations'],
        summary: 'Provider webhook receiver',
        description:
          "Where providers report finished jobs. No API key: each delivery is verified by the provider's own signature scheme (its plugin's `parseWebhook`). Events about unknown jobs are answered 200 and ignored.",
        security: [],
        parameters: [
          {
            name: 'provider',
            in: 'path',
            required: true,
            schema: options.providerIds?.length ? { enum: options.providerIds } : { type: 'string' },
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          '200': {
            description:
              '`{received: true, outcome, video_id}`; outcome is accepted, poll_scheduled, ignored, unknown_job or already_final.',
          },
          '401': { description: 'The signature does not verify.', content: json('Error') },
          '404': { description: 'No configured provider of that name.', content: json('Error') },
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'health',
        tags: ['Operations'],
        summary: 'Liveness',
        security: [],
        responses: { '200': { description: '`{"status":"ok"}`' } },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        tags: ['Operations'],
        summary: 'Readiness',
        description:
          "Ready when a provider is configured and its circuit is not open, and (instances sharing a database) this instance's heartbeat reaches the database.",
        security: [],
        responses: {
          '200': { description: 'Ready, with provider circuit states.' },
          '503': { description: 'Not ready, with the reason.' },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        tags: ['Operations'],
        summary: 'Prometheus metrics',
        responses: {
          '200': {
            description: 'Prometheus text exposition.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openapi',
        tags: ['Operations'],
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'OpenAPI 3.1.' } },
      },
    },
    '/docs': {
      get: {
        operationId: 'docs',
        tags: ['Operations'],
        summary: 'API reference page',
        security: [],
        responses: { '200': { description: 'HTML.' } },
      },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Reelay gateway',
      version: options.version ?? '0.1.0',
      description:
        "One OpenAI-compatible endpoint for every AI video model. The official OpenAI SDKs work unmodified with `baseURL` set to this gateway's `/v1`.",
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: 'Videos' }, { name: 'Models' }, { name: 'Operations' }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A gateway API key. Required once any key exists; without keys the gateway serves loopback clients only.',
        },
      },
      schemas: {
        CreateVideoRequest: createJson,
        CreateVideoMultipartRequest: createMultipartSchema(createJson),
        VideoToVideoRequest: videoToVideoJson,
        VideoToVideoMultipartRequest: createMultipartSchema(videoToVideoJson),
        RemixVideoRequest: requestSchema(remixVideoRequestSchema),
        ...responses,
        Video: withDescriptions(responses['Video'] ?? {}, videoFieldDocs),
      },
    },
  };
}
