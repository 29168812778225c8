import {
  type ImageInputCapability,
  InvalidRequestError,
  type MediaInput,
  type PollResult,
  type SubmitRequest,
  type SubmitResult,
  type VideoOffering,
  type VideoOperation,
  type VideoProvider,
  type WebhookEvent,
  type WebhookRequest,
} from '@reelay/core';
import {
  createProviderHttpClient,
  parseHttpError,
  signStandardWebhook,
  verifyStandardWebhook,
} from '@reelay/provider-utils';
import { z } from 'zod';

export const fakeModel = 'test-model';

/** The Standard Webhooks secret fake providers verify their webhooks with. */
export const fakeWebhookSecret = `whsec_${Buffer.from('fake provider webhook secret').toString('base64')}`;

/** A webhook as a fake provider would send it: `{ id, status? }`, signed (with `secret`, to forge one). */
export function fakeWebhook(
  body: { id: string; status?: string; seconds?: number; error?: string; type?: string },
  secret = fakeWebhookSecret,
): WebhookRequest {
  const rawBody = new TextEncoder().encode(JSON.stringify(body));
  const signature = signStandardWebhook({
    secret,
    id: `msg_${body.id}`,
    timestamp: Date.now() / 1000,
    body: rawBody,
  });
  return { headers: new Headers(signature), rawBody };
}

export type FakeProviderOptions = {
  id: string;
  baseURL: string;
  /** Response-header timeout: a submit that hangs longer is the ambiguous failure. Default 2 s. */
  headersTimeoutMs?: number;
  remix?: boolean;
  /** Forms of input image the offering accepts. Default `['upload']`. */
  imageAccepts?: ImageInputCapability['accepts'];
  /** Parameters only this provider takes. */
  providerParameters?: string[];
  /** Parameters that carry a user's credential. */
  secretParameters?: string[];
  /** Catalog model id served. Default `test-model`. */
  model?: string;
  /**
   * Also takes a last frame (uploads), up to 2 reference images (data URIs), `seed`, `negative_prompt`, and
   * extends and edits videos (uploads of at most 20 s; extension segments of 2–6 s).
   */
  inputs?: boolean;
  /**
   * Sends the job's reference with each submit and implements `findSubmission` by looking it up
   * (`GET /jobs?reference=`), as a provider that echoes a client reference does.
   */
  lookup?: boolean;
  /**
   * Uploads first (`POST /uploads`), then calls `beforeCreate`, then creates the job, and declares
   * `callsBeforeCreate`, as adapters with pre-work do.
   */
  uploadFirst?: boolean;
};

const operationSchema = z.object({ id: z.string() });
const submitSchema = z.object({ id: z.string() });
const lookupSchema = z.object({ data: z.array(z.object({ id: z.string() })) });
const statusSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled']),
  progress: z.number().optional(),
  seconds: z.number().optional(),
  billed_micros: z.number().optional(),
  error: z.string().optional(),
});
const webhookSchema = statusSchema.partial({ status: true }).extend({ type: z.string().optional() });

function toPollResult(value: z.infer<typeof statusSchema>): PollResult {
  switch (value.status) {
    case 'queued':
    case 'running':
      return { status: value.status === 'queued' ? 'queued' : 'in_progress', progress: value.progress };
    case 'succeeded':
      return {
        status: 'succeeded',
        outputs: [
          { variant: 'video', url: undefined, contentType: 'video/mp4' },
          { variant: 'thumbnail', url: undefined, contentType: 'image/png' },
        ],
        seconds: value.seconds,
        costMicros: value.billed_micros,
      };
    case 'failed':
      return {
        status: 'failed',
        error: { code: 'generation_failed', message: value.error ?? 'failed' },
        canceled: false,
      };
    case 'canceled':
      return { status: 'failed', error: { code: 'canceled', message: 'canceled' }, canceled: true };
  }
}

/** The other input files as the fake API takes them: what each is, not its bytes. */
function inputFields(request: SubmitRequest): Record<string, unknown> {
  const describe = (file: MediaInput) =>
    file.kind === 'upload'
      ? { upload: { mediaType: file.mediaType, size: file.data.byteLength } }
      : file.kind === 'url'
        ? { url: file.url }
        : { data_uri: file.uri.slice(0, file.uri.indexOf(',')) };
  return {
    ...(request.lastFrame ? { last_image: describe(request.lastFrame) } : {}),
    ...(request.referenceImages.length > 0 ? { references: request.referenceImages.map(describe) } : {}),
    ...(request.video
      ? { video: { ...describe(request.video), seconds: request.video.seconds ?? null } }
      : {}),
  };
}

export function fakeOffering(
  options: Pick<
    FakeProviderOptions,
    'remix' | 'imageAccepts' | 'providerParameters' | 'secretParameters' | 'model' | 'inputs'
  >,
): VideoOffering {
  const inputs = options.inputs === true;
  return {
    model: options.model ?? fakeModel,
    upstream: {
      'text-to-video': 'fake-t2v',
      'image-to-video': 'fake-i2v',
      ...(inputs ? { 'extend-video': 'fake-extend', 'edit-video': 'fake-edit' } : {}),
    },
    capabilities: {
      modes: inputs
        ? ['text-to-video', 'image-to-video', 'extend-video', 'edit-video']
        : ['text-to-video', 'image-to-video'],
      ...(inputs
        ? {
            lastFrame: { field: 'last_image', accepts: ['upload'] },
            referenceImages: { field: 'references', accepts: ['data-uri'], max: 2 },
            video: {
              field: 'video',
              accepts: ['upload'],
              maxSeconds: 20,
              extendDuration: { field: 'seconds', format: 'integer', values: [2, 4, 6], default: 4 },
            },
          }
        : {}),
      size: {
        kind: 'list',
        options: [
          { width: 1280, height: 720, tier: '720p', wire: { size: '1280x720' } },
          { width: 720, height: 1280, tier: '720p', wire: { size: '720x1280' } },
          { width: 1920, height: 1080, tier: '1080p', wire: { size: '1920x1080' } },
        ],
        default: { width: 1280, height: 720 },
      },
      duration: { field: 'seconds', format: 'integer', values: [4, 8, 12], default: 4 },
      audio: undefined,
      image: { field: 'image', accepts: options.imageAccepts ?? ['upload'] },
      maxVideosPerCall: 1,
      remix: options.remix ?? false,
      variants: ['video', 'thumbnail'],
    },
    parameters: inputs
      ? { seed: { how: 'passthrough' }, negative_prompt: { how: 'renamed', to: 'avoid' } }
      : {},
    providerParameters: options.providerParameters ?? [],
    secretParameters: options.secretParameters,
  };
}

/** A test-only provider plugin over real HTTP, using the same HTTP client and error rules as real plugins. */
export function createFakeProvider(options: FakeProviderOptions): VideoProvider {
  const http = createProviderHttpClient({
    provider: options.id,
    baseURL: options.baseURL,
    headers: () => ({ authorization: 'Bearer test-key' }),
    parseError: parseHttpError,
    timeouts: { connectMs: 2000, headersMs: options.headersTimeoutMs ?? 2000, bodyMs: 5000 },
  });
  const idOf = (operation: VideoOperation) => operationSchema.parse(operation).id;
  const provider: VideoProvider = {
    specificationVersion: 'v1',
    id: options.id,
    name: `Fake ${options.id}`,
    baseURL: options.baseURL,
    offerings: [fakeOffering(options)],
    async submit(request): Promise<SubmitResult> {
      // As a real adapter refuses what its provider would, before calling it.
      if (request.body['refuse_here'] === true) {
        throw new InvalidRequestError({
          param: 'refuse_here',
          message: `${options.id} cannot take refuse_here.`,
        });
      }
      const image = request.image;
      const imageField =
        image === undefined
          ? {}
          : image.kind === 'url'
            ? { image_url: image.url }
            : image.kind === 'data-uri'
              ? { image_data_uri: image.uri.slice(0, 40) }
              : {
                  image_upload: {
                    mediaType: image.mediaType,
                    filename: image.filename,
                    size: image.data.byteLength,
                  },
                };
      if (options.uploadFirst) {
        await http.json({ method: 'POST', path: '/uploads', body: {}, schema: z.unknown() });
        await request.beforeCreate();
      }
      const { value } = await http.json({
        method: 'POST',
        path: '/jobs',
        body: {
          ...(options.lookup && request.reference ? { reference: request.reference } : {}),
          model: request.upstreamModel,
          prompt: request.prompt,
          ...request.body,
          ...imageField,
          ...inputFields(request),
        },
        schema: submitSchema,
      });
      return { operation: { id: value.id }, upstreamId: value.id, warnings: [] };
    },
    async poll(operation): Promise<PollResult> {
      const { value } = await http.json({
        method: 'GET',
        path: `/jobs/${idOf(operation)}`,
        schema: statusSchema,
      });
      return toPollResult(value);
    },
    async cancel(operation) {
      await http.json({ method: 'POST', path: `/jobs/${idOf(operation)}/cancel`, schema: z.unknown() });
    },
    async content(request) {
      return http.stream({
        path: `/jobs/${idOf(request.operation)}/content`,
        query: { variant: request.variant },
      });
    },
    async delete(operation) {
      await http.json({ method: 'DELETE', path: `/jobs/${idOf(operation)}`, schema: z.unknown() });
    },
    async parseWebhook(request): Promise<WebhookEvent | undefined> {
      verifyStandardWebhook({
        secret: fakeWebhookSecret,
        headers: request.headers,
        rawBody: request.rawBody,
      });
      const body = webhookSchema.parse(JSON.parse(new TextDecoder().decode(request.rawBody)));
      if (body.type === 'ping') return undefined;
      return {
        upstreamId: body.id,
        result: body.status ? toPollResult({ ...body, status: body.status }) : undefined,
      };
    },
  };
  if (options.uploadFirst) Object.assign(provider, { callsBeforeCreate: true });
  if (options.lookup) {
    provider.findSubmission = async (_request, query) => {
      const { value } = await http.json({
        method: 'GET',
        path: '/jobs',
        query: { reference: query.reference },
        schema: lookupSchema,
      });
      if (value.data.length === 0) return { status: 'none' };
      return {
        status: 'found',
        submissions: value.data.map((job) => ({ operation: { id: job.id }, upstreamId: job.id })),
      };
    };
  }
  if (options.remix) {
    provider.remix = async (operation, prompt) => {
      const { value } = await http.json({
        method: 'POST',
        path: `/jobs/${idOf(operation)}/remix`,
        body: { prompt },
        schema: submitSchema,
      });
      return { operation: { id: value.id }, upstreamId: value.id, warnings: [] };
    };
  }
  return provider;
}
