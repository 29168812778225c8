import { randomBytes } from 'node:crypto';
import {
  defaultSimulatorBehavior,
  type JobOutcome,
  openSimulatorState,
  postDelivery,
  type SimulatorBehavior,
  type SimulatorRequest,
  type SimulatorResponse,
  startSimulatorServer,
  type VideoSimulator,
} from '../shared';
import { createRenderCache } from '../shared/render-cache';
import { parseCreateParams, parseRemixPrompt } from './openai-create-params';
import {
  authenticationError,
  OpenAIRequestError,
  openAIError,
  quoteList,
  rateLimitBody,
  videoNotFound,
} from './openai-errors';
import { readRawBody } from './openai-request-body';
import {
  isExpired,
  newVideoId,
  type OpenAIVideoObject,
  statusOf,
  toVideoObject,
  type VideoJob,
} from './openai-video-store';
import { newWebhookSecret, type SignedWebhook, signOpenAIWebhook } from './openai-webhook-signer';

export type OpenAISimulatorOptions = {
  port?: number;
  /** The only key accepted as `Authorization: Bearer <key>`. Default `sk-simulator-openai`. */
  apiKey?: string;
  behavior?: Partial<SimulatorBehavior>;
  /** `whsec_…` secret the simulator signs webhook deliveries with. Default: a fresh random one. */
  webhookSecret?: string;
  /**
   * Refuse an `input_reference` whose pixel size differs from `size`, as the real API does
   * ("Inpaint image must match the requested width and height"). Default true.
   */
  checkImageSize?: boolean;
  /**
   * A folder to keep videos and the port in, so a restarted simulator answers for the videos it accepted
   * before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
};

export interface OpenAISimulator extends VideoSimulator {
  readonly webhookSecret: string;
  /** The video object the API would answer now, or `undefined` for an unknown or deleted id. */
  video(id: string): OpenAIVideoObject | undefined;
  /**
   * The signed `video.completed` / `video.failed` delivery OpenAI would send for a finished job. OpenAI
   * configures webhooks per project, so the simulator builds them on demand instead of sending them.
   */
  webhookFor(videoId: string): SignedWebhook;
  /** POSTs `webhookFor(videoId)` to `url` (the endpoint a project would configure); resolves with the receiver's status. */
  deliverWebhook(videoId: string, url: string): Promise<number>;
}

const RATE_LIMIT_PER_MINUTE = 375;
const VARIANTS = ['video', 'thumbnail', 'spritesheet'] as const;
const LIST_DEFAULT_LIMIT = 20;

/** A simulator of OpenAI's Videos API (Sora 2) on 127.0.0.1, quirks included. */
export async function startOpenAISimulator(options: OpenAISimulatorOptions = {}): Promise<OpenAISimulator> {
  const apiKey = options.apiKey ?? 'sk-simulator-openai';
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  const checkImageSize = options.checkImageSize ?? true;
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  const stored = openSimulatorState<VideoJob>(options.stateDir);
  const jobs = stored.jobs;
  let outcomes: JobOutcome[] = [];
  let recentRequests: number[] = [];
  const renders = createRenderCache(8);

  const server = await startSimulatorServer(
    {
      rateLimitBody,
      handle: (request) => {
        const response = authenticate(request) ?? route(request);
        return { ...response, headers: { ...standardHeaders(), ...response.headers } };
      },
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port,
  );
  stored.listening(server.port);

  function authenticate(request: SimulatorRequest): SimulatorResponse | undefined {
    const header = request.headers['authorization'];
    const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (presented === apiKey) return undefined;
    return authenticationError(presented ?? (header === undefined ? undefined : header));
  }

  function standardHeaders(): Record<string, string> {
    const now = Date.now();
    recentRequests = recentRequests.filter((at) => now - at < 60_000);
    recentRequests.push(now);
    const oldest = recentRequests[0] ?? now;
    return {
      'x-request-id': `req_${randomBytes(16).toString('hex')}`,
      'openai-version': '2020-10-01',
      'openai-processing-ms': '1',
      'x-ratelimit-limit-requests': String(RATE_LIMIT_PER_MINUTE),
      'x-ratelimit-remaining-requests': String(Math.max(0, RATE_LIMIT_PER_MINUTE - recentRequests.length)),
      'x-ratelimit-reset-requests': `${Math.max(0, Math.ceil((oldest + 60_000 - now) / 1000))}s`,
    };
  }

  function route(request: SimulatorRequest): SimulatorResponse {
    const segments = request.path.split('/').filter(Boolean);
    const [version, collection, id, action, ...rest] = segments;
    if (version === 'v1' && collection === 'videos' && rest.length === 0) {
      try {
        if (id === undefined) {
          if (request.method === 'POST') return create(request);
          if (request.method === 'GET') return list(request);
        } else if (action === undefined) {
          if (request.method === 'GET') return retrieve(id);
          if (request.method === 'DELETE') return remove(id);
        } else if (action === 'content' && request.method === 'GET') {
          return content(id, request.query['variant']);
        } else if (action === 'remix' && request.method === 'POST') {
          return remix(id, request);
        }
      } catch (error) {
        if (error instanceof OpenAIRequestError) return error.response;
        throw error;
      }
    }
    return openAIError(404, `Invalid URL (${request.method} ${request.path})`);
  }

  function create(request: SimulatorRequest): SimulatorResponse {
    const params = parseCreateParams(readRawBody(request), { checkImageSize });
    const job: VideoJob = {
      id: newVideoId(),
      model: params.model,
      prompt: params.prompt,
      size: params.size,
      width: params.width,
      height: params.height,
      seconds: params.seconds,
      createdAt: Date.now(),
      outcome: outcomes.shift() ?? 'succeed',
      remixedFrom: null,
    };
    jobs.set(job.id, job);
    return { status: 200, json: toVideoObject(job, behavior, Date.now()) };
  }

  function retrieve(id: string): SimulatorResponse {
    const job = jobs.get(id);
    if (job === undefined) return videoNotFound(id);
    return { status: 200, json: toVideoObject(job, behavior, Date.now()) };
  }

  function list(request: SimulatorRequest): SimulatorResponse {
    const { limit: limitText, order = 'desc', after } = request.query;
    const limit = limitText === undefined ? LIST_DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100) {
      return openAIError(
        400,
        `Invalid 'limit': expected an integer between 0 and 100, but got '${limitText}' instead.`,
        { param: 'limit', code: 'invalid_value' },
      );
    }
    if (order !== 'asc' && order !== 'desc') {
      return openAIError(
        400,
        `Invalid value: '${order}'. Supported values are: ${quoteList(['asc', 'desc'])}.`,
        {
          param: 'order',
          code: 'invalid_value',
        },
      );
    }
    // Insertion order breaks ties between jobs created in the same millisecond.
    const ordered = [...jobs.values()];
    if (order === 'desc') ordered.reverse();
    let start = 0;
    if (after !== undefined) {
      const index = ordered.findIndex((job) => job.id === after);
      if (index < 0) return videoNotFound(after);
      start = index + 1;
    }
    const now = Date.now();
    const page = ordered.slice(start, start + limit).map((job) => toVideoObject(job, behavior, now));
    return {
      status: 200,
      json: {
        object: 'list',
        data: page,
        first_id: page[0]?.id ?? null,
        last_id: page.at(-1)?.id ?? null,
        has_more: start + limit < ordered.length,
      },
    };
  }

  function remove(id: string): SimulatorResponse {
    const job = jobs.get(id);
    if (job === undefined) return videoNotFound(id);
    const status = statusOf(job, behavior, Date.now());
    if (status !== 'completed' && status !== 'failed') {
      return openAIError(
        400,
        `Video '${id}' is ${status}. Only completed or failed videos can be deleted; wait for it to finish.`,
        { param: 'video_id', code: null },
      );
    }
    jobs.delete(id);
    return { status: 200, json: { id, object: 'video.deleted', deleted: true } };
  }

  function content(id: string, variantText: string | undefined): SimulatorResponse {
    const job = jobs.get(id);
    if (job === undefined) return videoNotFound(id);
    const variant = variantText ?? 'video';
    if (!(VARIANTS as readonly string[]).includes(variant)) {
      return openAIError(400, `Invalid value: '${variant}'. Supported values are: ${quoteList(VARIANTS)}.`, {
        param: 'variant',
        code: 'invalid_value',
      });
    }
    const now = Date.now();
    const status = statusOf(job, behavior, now);
    if (status !== 'completed') {
      return openAIError(
        400,
        status === 'failed'
          ? `Video '${id}' failed, so it has no content.`
          : `Video '${id}' is not ready yet (status: ${status}). Use GET /v1/videos/${id} to check its status.`,
        { param: 'video_id', code: status === 'failed' ? 'video_failed' : 'video_not_ready' },
      );
    }
    if (isExpired(job, behavior, now)) {
      return openAIError(404, `The content of video '${id}' has expired and is no longer available.`, {
        param: 'video_id',
        code: 'video_expired',
      });
    }
    const { width, height } = job;
    // The real API serves WebP (thumbnail) and JPEG (spritesheet); the simulator renders PNG and says so.
    const rendered = renders.get(
      variant === 'video'
        ? // Sora 2 always generates sound.
          { kind: 'video', width, height, seconds: Number(job.seconds), seed: job.id, audio: true }
        : { kind: variant === 'thumbnail' ? 'image' : 'spritesheet', width, height, seed: job.id },
    );
    return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
  }

  function remix(id: string, request: SimulatorRequest): SimulatorResponse {
    const source = jobs.get(id);
    if (source === undefined) return videoNotFound(id);
    const prompt = parseRemixPrompt(readRawBody(request));
    const status = statusOf(source, behavior, Date.now());
    if (status !== 'completed') {
      return openAIError(400, `Video '${id}' is ${status}. Only completed videos can be remixed.`, {
        param: 'video_id',
        code: null,
      });
    }
    const job: VideoJob = {
      ...source,
      id: newVideoId(),
      prompt,
      createdAt: Date.now(),
      outcome: outcomes.shift() ?? 'succeed',
      remixedFrom: source.id,
    };
    jobs.set(job.id, job);
    return { status: 200, json: toVideoObject(job, behavior, Date.now()) };
  }

  function webhookFor(videoId: string): SignedWebhook {
    const job = jobs.get(videoId);
    if (job === undefined) throw new Error(`No video '${videoId}' in the OpenAI simulator.`);
    const status = statusOf(job, behavior, Date.now());
    if (status !== 'completed' && status !== 'failed') {
      throw new Error(`Video '${videoId}' is ${status}; OpenAI only sends video.completed and video.failed.`);
    }
    return signOpenAIWebhook({
      secret: webhookSecret,
      type: status === 'completed' ? 'video.completed' : 'video.failed',
      videoId,
    });
  }

  return {
    name: 'openai',
    origin: server.origin,
    baseURL: `${server.origin}/v1`,
    apiKey,
    webhookSecret,
    requests: server.requests,
    configure(next) {
      behavior = { ...behavior, ...next };
    },
    setNextOutcome(outcome, count = 1) {
      for (let index = 0; index < count; index++) outcomes.push(outcome);
    },
    injectFault: (rule) => server.injectFault(rule),
    reset() {
      server.requests.length = 0;
      server.clearFaults();
      outcomes = [];
      jobs.clear();
      stored.save();
      recentRequests = [];
    },
    video(id) {
      const job = jobs.get(id);
      return job === undefined ? undefined : toVideoObject(job, behavior, Date.now());
    },
    webhookFor,
    deliverWebhook: (videoId, url) => postDelivery(url, webhookFor(videoId)),
    close: () => server.close(),
  };
}
