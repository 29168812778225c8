import { randomUUID } from 'node:crypto';
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
import { createRenderCache, type FileSpec, spritesheetSize } from '../shared/render-cache';
import { appOf, clipFor, falEndpoints, findEndpoint } from './fal-endpoints';
import { contentPolicyMessage, type FalJob, failureDetail, jobState, logsFor } from './fal-job';
import { validateInput } from './fal-validation';
import { createFalWebhookSigner, type SignedDelivery } from './fal-webhook-signer';

export type FalSimulatorOptions = {
  port?: number;
  /** The one key accepted in `Authorization: Key <key>`. Default `sim-fal-key`. */
  apiKey?: string;
  behavior?: Partial<SimulatorBehavior>;
  /**
   * A folder to keep jobs and the port in, so a restarted simulator serves the requests it accepted before
   * (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
};

/** A loopback fal queue (`queue.fal.run`) plus its CDN (`fal.media`) and webhook JWKS. */
export interface FalSimulator extends VideoSimulator {
  /** The JWKS with the key deliveries are signed with; pass it as the plugin's `jwksUrl`. */
  readonly jwksUrl: string;
  /** The endpoint ids this simulator serves (`fal-ai/veo3.1`, …). */
  readonly endpoints: readonly string[];
  /**
   * Hands out queue URLs (`status_url`, `response_url`, `cancel_url`) or output file URLs on another origin,
   * to test that clients refuse to send their key there or to fetch from it. `undefined` restores the default.
   */
  setUrlOrigins(origins: { queue?: string | undefined; files?: string | undefined }): void;
  /** The signed delivery fal would POST to `?fal_webhook=` for a finished request. Throws while it runs. */
  webhookDelivery(requestId: string): SignedDelivery & { url: string | undefined };
  /** POSTs that delivery to the request's webhook URL; resolves with the receiver's HTTP status. */
  deliverWebhook(requestId: string): Promise<number>;
}

const queueRoute = /^\/([^/]+\/[^/]+)\/requests\/([^/]+)(\/status|\/cancel)?$/;
const fileRoute = /^\/files\/([^/]+)\/(output\.mp4|thumbnail\.png|spritesheet\.png)$/;

/**
 * Starts a fal queue simulator on 127.0.0.1. It speaks fal's dialect exactly: `Key` auth, submit on the full
 * endpoint path, status/result/cancel on `{owner}/{app}` only, `COMPLETED` + `error` for failures, pydantic
 * 422s naming the field, and output URLs on its own origin that expire after `outputTtlMs`.
 *
 * @example
 * const fal = await startFalSimulator({ behavior: { queueMs: 0, runMs: 50 } });
 * const provider = createFal({ apiKey: fal.apiKey, baseURL: fal.baseURL });
 */
export async function startFalSimulator(options: FalSimulatorOptions = {}): Promise<FalSimulator> {
  const apiKey = options.apiKey ?? 'sim-fal-key';
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  const stored = openSimulatorState<FalJob>(options.stateDir, falJobCodec);
  const jobs = stored.jobs;
  let outcomes: JobOutcome[] = [];
  let urlOrigins: { queue?: string | undefined; files?: string | undefined } = {};
  const renders = createRenderCache(8);
  const signer = createFalWebhookSigner();
  let origin = '';

  const queueUrls = (job: FalJob) => {
    const base = `${urlOrigins.queue ?? origin}/${job.app}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  };
  const fileUrl = (job: FalJob, name: string) => `${urlOrigins.files ?? origin}/files/${job.id}/${name}`;

  const queuePosition = (job: FalJob, now: number) =>
    [...jobs.values()].filter(
      (other) => other.createdAt < job.createdAt && jobState(other, behavior, now).state === 'queued',
    ).length;

  function output(job: FalJob) {
    const { width, height, seconds } = job.clip;
    const fps = 24;
    const result: Record<string, unknown> = {
      video: {
        url: fileUrl(job, 'output.mp4'),
        content_type: 'video/mp4',
        file_name: 'output.mp4',
        width,
        height,
        fps,
        duration: seconds,
        num_frames: Math.ceil(seconds * fps),
      },
    };
    if (job.endpoint.sora) {
      result['video_id'] = `video_${job.id.replaceAll('-', '')}`;
      result['thumbnail'] = image(fileUrl(job, 'thumbnail.png'), 'thumbnail.png', width, height);
      const sheet = spritesheetSize({ ...job.clip, seed: job.id });
      result['spritesheet'] = image(
        fileUrl(job, 'spritesheet.png'),
        'spritesheet.png',
        sheet.width,
        sheet.height,
      );
    }
    return result;
  }

  function statusBody(job: FalJob, withLogs: boolean, now: number): SimulatorResponse {
    const state = jobState(job, behavior, now);
    const base = { request_id: job.id, ...queueUrls(job) };
    const logs = withLogs ? logsFor(job, state, behavior) : null;
    switch (state.state) {
      case 'queued':
        return {
          status: 202,
          json: { status: 'IN_QUEUE', ...base, queue_position: queuePosition(job, now) },
        };
      case 'running':
        return { status: 202, json: { status: 'IN_PROGRESS', ...base, logs } };
      case 'succeeded':
        return {
          status: 200,
          json: {
            status: 'COMPLETED',
            ...base,
            logs,
            metrics: { inference_time: behavior.runMs / 1000 },
          },
        };
      case 'failed':
        return {
          status: 200,
          json: {
            status: 'COMPLETED',
            ...base,
            logs,
            metrics: { inference_time: behavior.runMs / 1000 },
            error: contentPolicyMessage,
            error_type: 'content_policy_violation',
          },
        };
      case 'canceled':
        return {
          status: 200,
          json: {
            status: 'COMPLETED',
            ...base,
            logs,
            metrics: { inference_time: null },
            error: 'Request was cancelled by the user.',
            error_type: 'request_cancelled',
          },
        };
    }
  }

  function submit(request: SimulatorRequest, now: number): SimulatorResponse {
    const endpointId = request.path.slice(1);
    const endpoint = findEndpoint(endpointId);
    if (!endpoint) {
      const knownApp = falEndpoints.some((candidate) => appOf(candidate.id) === appOf(endpointId));
      return {
        status: 404,
        json: { detail: knownApp ? 'Not Found' : `Application '${appOf(endpointId)}' not found` },
      };
    }
    if (request.json === undefined) {
      return {
        status: 422,
        json: { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid', ctx: {} }] },
      };
    }
    const issues = validateInput(request.json, endpoint.rules);
    if (issues.length > 0) return { status: 422, json: { detail: issues } };

    const input = request.json as Record<string, unknown>;
    const job: FalJob = {
      id: randomUUID(),
      endpoint,
      app: appOf(endpoint.id),
      input,
      clip: clipFor(endpoint, input),
      createdAt: now,
      outcome: outcomes.shift() ?? 'succeed',
      canceledAt: undefined,
      webhookUrl: request.query['fal_webhook'],
    };
    jobs.set(job.id, job);
    return {
      status: 200,
      headers: { 'x-fal-request-id': job.id },
      json: {
        status: 'IN_QUEUE',
        request_id: job.id,
        ...queueUrls(job),
        queue_position: queuePosition(job, now),
      },
    };
  }

  function result(job: FalJob, now: number): SimulatorResponse {
    const state = jobState(job, behavior, now);
    const headers = { 'x-fal-request-id': job.id };
    if (state.state === 'queued' || state.state === 'running') {
      return { status: 400, headers, json: { detail: 'Request is still in progress' } };
    }
    if (state.state === 'failed') return { status: 422, headers, json: { detail: failureDetail(job) } };
    if (state.state === 'canceled') {
      return {
        status: 400,
        headers: { ...headers, 'x-fal-error-type': 'request_cancelled' },
        json: { detail: 'Request was cancelled by the user.', error_type: 'request_cancelled' },
      };
    }
    return { status: 200, headers, json: output(job) };
  }

  function cancel(job: FalJob, now: number): SimulatorResponse {
    const state = jobState(job, behavior, now).state;
    if (state !== 'queued' && state !== 'running')
      return { status: 400, json: { status: 'ALREADY_COMPLETED' } };
    // A queued request leaves the queue at once; a running app gets the signal and stops here.
    job.canceledAt = now;
    return { status: 202, json: { status: 'CANCELLATION_REQUESTED' } };
  }

  function file(id: string, name: string, now: number): SimulatorResponse {
    const job = jobs.get(id);
    const notFound: SimulatorResponse = {
      status: 404,
      body: 'Not Found',
      headers: { 'content-type': 'text/plain' },
    };
    if (!job) return notFound;
    const state = jobState(job, behavior, now);
    if (state.state !== 'succeeded') return notFound;
    if (behavior.outputTtlMs !== undefined && now > state.completedAt + behavior.outputTtlMs) return notFound;
    if (name !== 'output.mp4' && !job.endpoint.sora) return notFound;
    const seed = job.id;
    const spec: FileSpec =
      name === 'output.mp4'
        ? { kind: 'video', ...job.clip, seed }
        : name === 'thumbnail.png'
          ? { kind: 'image', width: job.clip.width, height: job.clip.height, seed }
          : { kind: 'spritesheet', width: job.clip.width, height: job.clip.height, seed };
    const rendered = renders.get(spec);
    return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
  }

  /**
   * `GET /v1/models/requests/by-endpoint`, as fal's platform API documents it: `endpoint_id` (required,
   * comma-separated), `start` (default 24 h ago) and `end` (exclusive, default now) in ISO 8601, `limit` 1–100
   * (default 50), `cursor` (base64 page number), `expand=payloads` for `json_input`. Every request received is
   * listed, newest first, the ones still queued or running with `ended_at: null`.
   */
  function listRequests(query: Record<string, string>, now: number): SimulatorResponse {
    const invalid = (msg: string, field: string) => ({
      status: 422,
      json: { detail: [{ loc: ['query', field], msg, type: 'value_error' }] },
    });
    const endpointIds = (query['endpoint_id'] ?? '').split(',').filter(Boolean);
    if (endpointIds.length === 0) return invalid('Field required', 'endpoint_id');
    const start = query['start'] === undefined ? now - 24 * 3600_000 : Date.parse(query['start']);
    if (Number.isNaN(start)) return invalid('Input should be a valid datetime', 'start');
    const end = query['end'] === undefined ? now : Date.parse(query['end']);
    if (Number.isNaN(end)) return invalid('Input should be a valid datetime', 'end');
    const limit = query['limit'] === undefined ? 50 : Number(query['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return invalid('Input should be less than or equal to 100', 'limit');
    }
    const page =
      query['cursor'] === undefined ? 0 : Number(Buffer.from(query['cursor'], 'base64').toString());
    if (!Number.isInteger(page) || page < 0) return invalid('Invalid cursor', 'cursor');
    const payloads = (query['expand'] ?? '').split(',').includes('payloads');
    const selected = [...jobs.values()]
      .filter((job) => endpointIds.includes(job.endpoint.id) && job.createdAt >= start && job.createdAt < end)
      .reverse();
    const items = selected.slice(page * limit, (page + 1) * limit).map((job) => {
      const state = jobState(job, behavior, now);
      const ended = 'completedAt' in state ? state.completedAt : undefined;
      const startedAt = job.createdAt + behavior.queueMs;
      return {
        request_id: job.id,
        endpoint_id: job.endpoint.id,
        sent_at: new Date(job.createdAt).toISOString(),
        started_at: startedAt <= now ? new Date(startedAt).toISOString() : null,
        ended_at: ended === undefined ? null : new Date(ended).toISOString(),
        status_code: ended === undefined ? null : state.state === 'succeeded' ? 200 : 422,
        duration: ended === undefined ? null : (ended - job.createdAt) / 1000,
        ...(payloads
          ? { json_input: job.input, json_output: state.state === 'succeeded' ? output(job) : null }
          : {}),
      };
    });
    const hasMore = (page + 1) * limit < selected.length;
    return {
      status: 200,
      json: {
        items,
        next_cursor: hasMore ? Buffer.from(String(page + 1)).toString('base64') : null,
        has_more: hasMore,
      },
    };
  }

  function handle(request: SimulatorRequest): SimulatorResponse {
    const now = Date.now();
    if (request.method === 'GET' && request.path === '/.well-known/jwks.json') {
      return { status: 200, json: signer.jwks };
    }
    const fileMatch = fileRoute.exec(request.path);
    if (fileMatch && request.method === 'GET') return file(fileMatch[1]!, fileMatch[2]!, now);

    const authorization = request.headers['authorization'];
    if (authorization === undefined) {
      return { status: 401, json: { detail: 'Missing authorization header' } };
    }
    if (authorization !== `Key ${apiKey}`) {
      return { status: 401, json: { detail: 'No user found for Key ID and Secret' } };
    }

    // The platform API (api.fal.ai/v1) on the same origin, before the queue routes it would also match.
    if (request.path === '/v1/models/requests/by-endpoint') {
      return request.method === 'GET'
        ? listRequests(request.query, now)
        : { status: 405, json: { detail: 'Method Not Allowed' } };
    }
    const queueMatch = queueRoute.exec(request.path);
    if (queueMatch) {
      const [, app, id, action] = queueMatch;
      const job = jobs.get(id!);
      const found = job !== undefined && job.app === app;
      if (action === '/cancel') {
        if (request.method !== 'PUT') return { status: 405, json: { detail: 'Method Not Allowed' } };
        return found ? cancel(job, now) : { status: 404, json: { status: 'NOT_FOUND' } };
      }
      if (request.method !== 'GET') return { status: 405, json: { detail: 'Method Not Allowed' } };
      if (!found) return { status: 404, json: { detail: `Request '${id}' not found` } };
      return action === '/status' ? statusBody(job, request.query['logs'] === '1', now) : result(job, now);
    }
    if (request.method === 'POST') return submit(request, now);
    return { status: 404, json: { detail: 'Not Found' } };
  }

  function webhookDelivery(requestId: string) {
    const job = jobs.get(requestId);
    if (!job) throw new Error(`fal simulator: no request ${requestId}`);
    const state = jobState(job, behavior, Date.now());
    if (state.state === 'queued' || state.state === 'running') {
      throw new Error(`fal simulator: request ${requestId} has not finished`);
    }
    const body =
      state.state === 'succeeded'
        ? { request_id: job.id, gateway_request_id: job.id, status: 'OK', payload: output(job), error: null }
        : {
            request_id: job.id,
            gateway_request_id: job.id,
            status: 'ERROR',
            error:
              state.state === 'failed' ? 'Invalid status code: 422' : 'Request was cancelled by the user.',
            payload: state.state === 'failed' ? { detail: failureDetail(job) } : null,
          };
    return { url: job.webhookUrl, ...signer.sign(job.id, body) };
  }

  const server = await startSimulatorServer(
    {
      handle,
      rateLimitBody: () => ({
        detail: 'Too many requests: the concurrent request limit was reached. Retry later.',
        error_type: 'rate_limited',
      }),
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port,
  );
  origin = server.origin;
  stored.listening(server.port);

  return {
    name: 'fal',
    origin,
    baseURL: origin,
    apiKey,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    endpoints: falEndpoints.map((endpoint) => endpoint.id),
    requests: server.requests,
    configure(next) {
      behavior = { ...behavior, ...next };
    },
    setNextOutcome(outcome, count = 1) {
      for (let index = 0; index < count; index++) outcomes.push(outcome);
    },
    injectFault: (rule) => server.injectFault(rule),
    setUrlOrigins(origins) {
      urlOrigins = { ...origins };
    },
    webhookDelivery,
    async deliverWebhook(requestId) {
      const delivery = webhookDelivery(requestId);
      if (delivery.url === undefined)
        throw new Error(`fal simulator: request ${requestId} has no fal_webhook`);
      return postDelivery(delivery.url, delivery);
    },
    reset() {
      server.requests.length = 0;
      server.clearFaults();
      outcomes = [];
      jobs.clear();
      stored.save();
      urlOrigins = {};
    },
    close: () => server.close(),
  };
}

/** The endpoint is kept by id: its rules are code, looked up again when the state is read back. */
const falJobCodec = {
  toStored: (job: FalJob) => ({ ...job, endpoint: job.endpoint.id }),
  fromStored(stored: unknown): FalJob | undefined {
    const { endpoint: id, ...rest } = stored as Omit<FalJob, 'endpoint'> & { endpoint: string };
    const endpoint = findEndpoint(id);
    return endpoint === undefined ? undefined : { ...rest, endpoint };
  },
};

function image(url: string, fileName: string, width: number, height: number) {
  return { url, content_type: 'image/png', file_name: fileName, width, height };
}

/** A 4×4 grid of frames at one eighth of the clip's size. */
