import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultSimulatorBehavior,
  type FaultRule,
  type JobOutcome,
  openSimulatorState,
  type SimulatorBehavior,
  type SimulatorRequest,
  type SimulatorResponse,
  startSimulatorServer,
  type VideoSimulator,
} from '../shared';
import { createRenderCache } from '../shared/render-cache';
import { fileResponse } from './replicate-files';
import { parseCancelAfter, parsePreferWait } from './replicate-headers';
import { findSimulatedModel } from './replicate-models';
import {
  endingOf,
  isDataRemoved,
  naturalEndAt,
  type PredictionJob,
  type ReplicatePrediction,
  viewPrediction,
} from './replicate-prediction';
import { invalidInput, problem, rateLimitBody } from './replicate-problem';
import { validateInput } from './replicate-validate';
import { createWebhookSecret, signWebhook } from './replicate-webhook';

export type ReplicateSimulatorOptions = {
  /** Default: a free port. */
  port?: number;
  /** The only token accepted. Default `r8_simulator_token`. */
  apiKey?: string;
  behavior?: Partial<SimulatorBehavior>;
  /** Standard Webhooks secret (`whsec_…`) deliveries are signed with. Default: a random one. */
  webhookSecret?: string;
  /**
   * A folder to keep predictions and the port in, so a restarted simulator answers for the predictions it
   * accepted before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
  /** Predictions per page of `GET /v1/predictions`. Default 100, as the real API. */
  listPageSize?: number;
};

export type ReplicateSimulator = VideoSimulator & {
  readonly webhookSecret: string;
  /** The prediction as `GET /v1/predictions/{id}` would return it now. */
  prediction(id: string): ReplicatePrediction | undefined;
  /**
   * The webhook Replicate would POST for the prediction's current state, signed with `webhookSecret`.
   * The simulator keeps no timers, so it never sends webhooks itself; tests hand this to `parseWebhook`.
   */
  webhookDelivery(
    id: string,
    options?: { webhookId?: string; timestamp?: number },
  ): { headers: Headers; rawBody: Uint8Array; prediction: ReplicatePrediction };
};

const WEBHOOK_EVENTS = ['start', 'output', 'logs', 'completed'];

/**
 * A loopback imitation of Replicate's predictions API (`/v1/models/{owner}/{name}/predictions`,
 * `/v1/predictions/{id}`, `/cancel`) for the video models Reelay routes to, with output files served from
 * `/files/{id}/video.mp4` on the same origin.
 */
export async function startReplicateSimulator(
  options: ReplicateSimulatorOptions = {},
): Promise<ReplicateSimulator> {
  const apiKey = options.apiKey ?? 'r8_simulator_token';
  const webhookSecret = options.webhookSecret ?? createWebhookSecret();
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  const stored = openSimulatorState<PredictionJob>(options.stateDir, predictionCodec);
  const jobs = stored.jobs;
  let outcomes: JobOutcome[] = [];
  const renders = createRenderCache();
  const listPageSize = options.listPageSize ?? 100;

  const server = await startSimulatorServer(
    {
      handle: (request) => handle(request),
      rateLimitBody,
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port ?? 0,
  );
  stored.listening(server.port);
  const origin = server.origin;
  const apiBase = `${origin}/v1`;
  const view = (job: PredictionJob, now = Date.now()) => viewPrediction(job, now, { apiBase, origin });

  async function handle(request: SimulatorRequest): Promise<SimulatorResponse> {
    const { method, path } = request;
    const file = /^\/files\/([a-z0-9]+)\/video\.mp4$/.exec(path);
    if (file && method === 'GET') return serveFile(file[1]!, request.headers['range']);

    const refusal = checkAuth(request.headers['authorization']);
    if (refusal) return refusal;

    const create = /^\/v1\/models\/([\w.-]+)\/([\w.-]+)\/predictions$/.exec(path);
    if (create && method === 'POST') return createPrediction(`${create[1]}/${create[2]}`, request);
    if (path === '/v1/predictions' && method === 'POST') {
      const version = isRecord(request.json) ? request.json['version'] : undefined;
      // Official models may be named by `owner/name` in `version`; a hash pins a version we don't keep.
      const modelId = typeof version === 'string' ? version.split(':')[0]! : '';
      return createPrediction(modelId, request);
    }
    if (path === '/v1/predictions' && method === 'GET') return listPredictions(request.query);
    const one = /^\/v1\/predictions\/([a-z0-9]+)(\/cancel)?$/.exec(path);
    if (one) {
      const job = jobs.get(one[1]!);
      if (!job) return notFound();
      if (one[2] && method === 'POST') return cancel(job);
      if (!one[2] && method === 'GET') return { status: 200, json: view(job) };
    }
    if (path === '/v1/webhooks/default/secret' && method === 'GET') {
      return { status: 200, json: { key: webhookSecret } };
    }
    return notFound();
  }

  /**
   * `GET /v1/predictions`: newest first, `listPageSize` a page, `next`/`previous` as full URLs carrying a
   * `cursor`; `created_after` / `created_before` (ISO 8601) bound `created_at`, as the real API's filters do.
   */
  function listPredictions(query: Record<string, string>): SimulatorResponse {
    const bounds: Record<string, number> = {};
    for (const name of ['created_after', 'created_before'] as const) {
      const text = query[name];
      if (text === undefined) continue;
      const at = Date.parse(text);
      if (Number.isNaN(at)) {
        return invalidInput([
          { type: 'format', field: name, description: `Does not match format 'date-time'` },
        ]);
      }
      bounds[name] = at;
    }
    const offset = query['cursor'] === undefined ? 0 : decodeCursor(query['cursor']);
    if (offset === undefined)
      return problem(400, 'Invalid cursor', 'The cursor is not one this API returned.');
    const selected = [...jobs.values()]
      .filter((job) => bounds['created_after'] === undefined || job.createdAt > bounds['created_after'])
      .filter((job) => bounds['created_before'] === undefined || job.createdAt < bounds['created_before'])
      .reverse();
    const results = selected.slice(offset, offset + listPageSize).map((job) => view(job));
    const pageURL = (at: number) => {
      const url = new URL(`${apiBase}/predictions`);
      for (const [name, value] of Object.entries(query))
        if (name !== 'cursor') url.searchParams.set(name, value);
      url.searchParams.set('cursor', Buffer.from(`o=${at}`).toString('base64url'));
      return url.toString();
    };
    return {
      status: 200,
      json: {
        next: offset + listPageSize < selected.length ? pageURL(offset + listPageSize) : null,
        previous: offset > 0 ? pageURL(Math.max(0, offset - listPageSize)) : null,
        results,
      },
    };
  }

  function checkAuth(header: string | undefined): SimulatorResponse | undefined {
    const match = header === undefined ? null : /^(?:Bearer|Token) (\S+)$/.exec(header);
    if (match?.[1] === apiKey) return undefined;
    const detail =
      header === undefined
        ? 'You did not pass an authentication token'
        : 'You did not pass a valid authentication token';
    return problem(401, 'Unauthenticated', detail);
  }

  async function createPrediction(modelId: string, request: SimulatorRequest): Promise<SimulatorResponse> {
    const model = findSimulatedModel(modelId);
    if (!model) {
      return problem(404, 'Not found', `The requested model ${modelId || '(none)'} could not be found.`);
    }
    if (!request.contentType?.includes('application/json') || !isRecord(request.json)) {
      return problem(
        400,
        'Invalid request body',
        'The request body must be a JSON object with an "input" field.',
      );
    }
    const body = request.json;
    if (!isRecord(body['input'])) {
      return invalidInput([{ type: 'required', field: '(root)', description: 'input is required' }]);
    }
    const webhook = body['webhook'];
    if (webhook !== undefined && (typeof webhook !== 'string' || !/^https?:\/\/\S+$/.test(webhook))) {
      return invalidInput([{ type: 'format', field: 'webhook', description: "Does not match format 'uri'" }]);
    }
    const filter = body['webhook_events_filter'];
    if (filter !== undefined) {
      const bad = !Array.isArray(filter)
        ? 0
        : filter.findIndex((event) => typeof event !== 'string' || !WEBHOOK_EVENTS.includes(event));
      if (bad >= 0) {
        return invalidInput([
          {
            type: 'enum',
            field: `webhook_events_filter.${bad}`,
            description: `webhook_events_filter.${bad} must be one of the following: ${WEBHOOK_EVENTS.map((event) => `"${event}"`).join(', ')}`,
          },
        ]);
      }
    }
    const cancelAfter = request.headers['cancel-after'];
    const deadlineMs = cancelAfter === undefined ? undefined : parseCancelAfter(cancelAfter);
    if (cancelAfter !== undefined && deadlineMs === undefined) {
      return problem(
        400,
        'Invalid Cancel-After header',
        `Cancel-After must be a duration such as "30s", "5m" or "1h30m"; got "${cancelAfter}".`,
      );
    }

    const validated = validateInput(model, body['input']);
    if (!validated.ok) return invalidInput(validated.invalid);

    const now = Date.now();
    const job: PredictionJob = {
      id: predictionId(),
      model,
      sentInput: body['input'],
      dimensions: model.dimensions(validated.input),
      seconds: Number(validated.input[model.durationField]),
      audio: model.audio?.(validated.input) ?? false,
      createdAt: now,
      behavior: { ...behavior },
      outcome: outcomes.shift() ?? 'succeed',
      deadlineAt: deadlineMs === undefined ? undefined : now + deadlineMs,
      canceledAt: undefined,
      webhook: typeof webhook === 'string' ? webhook : undefined,
      webhookEventsFilter: Array.isArray(filter) ? (filter as string[]) : undefined,
      seed: randomBytes(4).readUInt32BE(0),
    };
    jobs.set(job.id, job);

    const waitSeconds = parsePreferWait(request.headers['prefer']);
    if (waitSeconds !== undefined) {
      const wait = Math.min(waitSeconds * 1000, naturalEndAt(job) - Date.now());
      if (wait > 0) await sleep(wait, undefined, { ref: false });
    }
    return { status: 201, json: view(job) };
  }

  function cancel(job: PredictionJob): SimulatorResponse {
    const now = Date.now();
    // Cancelling a finished prediction changes nothing and still answers with it.
    if (endingOf(job, now) === undefined) job.canceledAt = now;
    return { status: 200, json: view(job, now) };
  }

  function serveFile(id: string, range: string | undefined): SimulatorResponse {
    const job = jobs.get(id);
    const now = Date.now();
    if (!job || endingOf(job, now)?.status !== 'succeeded' || isDataRemoved(job, now)) {
      return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
    }
    const { bytes } = renders.get({
      kind: 'video',
      ...job.dimensions,
      seconds: job.seconds,
      seed: job.id,
      audio: job.audio,
    });
    return fileResponse(bytes, 'video/mp4', range);
  }

  function notFound(): SimulatorResponse {
    return problem(404, 'Not found', 'The requested resource could not be found.');
  }

  return {
    name: 'replicate',
    origin,
    baseURL: apiBase,
    apiKey,
    webhookSecret,
    requests: server.requests,
    configure(update) {
      behavior = { ...behavior, ...update };
    },
    setNextOutcome(outcome, count = 1) {
      for (let index = 0; index < count; index++) outcomes.push(outcome);
    },
    injectFault: (rule: FaultRule) => server.injectFault(rule),
    reset() {
      server.requests.length = 0;
      server.clearFaults();
      outcomes = [];
      jobs.clear();
      stored.save();
      behavior = { ...defaultSimulatorBehavior, ...options.behavior };
    },
    close: () => server.close(),
    prediction(id) {
      const job = jobs.get(id);
      return job ? view(job) : undefined;
    },
    webhookDelivery(id, deliveryOptions = {}) {
      const job = jobs.get(id);
      if (!job) throw new Error(`No prediction ${id} in the Replicate simulator.`);
      const prediction = view(job);
      const body = JSON.stringify(prediction);
      const headers = signWebhook({
        secret: webhookSecret,
        webhookId: deliveryOptions.webhookId ?? `msg_${randomBytes(12).toString('hex')}`,
        timestamp: deliveryOptions.timestamp ?? Math.floor(Date.now() / 1000),
        body,
      });
      return { headers: new Headers(headers), rawBody: new TextEncoder().encode(body), prediction };
    },
  };
}

/** The model is kept by id: its input rules are code, looked up again when the state is read back. */
const predictionCodec = {
  toStored: (job: PredictionJob) => ({ ...job, model: job.model.id }),
  fromStored(stored: unknown): PredictionJob | undefined {
    const { model: id, ...rest } = stored as Omit<PredictionJob, 'model'> & { model: string };
    const model = findSimulatedModel(id);
    return model === undefined ? undefined : { ...rest, model };
  },
};

/** Replicate ids: 26 lowercase base-32 characters. */
function predictionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(26)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^o=(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
