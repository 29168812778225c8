import { randomUUID } from 'node:crypto';
import {
  createRenderCache,
  defaultSimulatorBehavior,
  type JobOutcome,
  jobPhase,
  openSimulatorState,
  type SimulatorBehavior,
  type SimulatorRequest,
  type SimulatorResponse,
  startSimulatorServer,
  type VideoSimulator,
} from '@reelay/testing';
import { imageToVideoModels, retiredModels, textToVideoModels, videoToVideoModels } from './runway-models';
import { validateCreate, validateVideoToVideo } from './runway-validation';
import { readSourceVideo } from './runway-video-source';

export type RunwaySimulatorOptions = {
  port?: number;
  /**
   * A folder to keep tasks and the port in, so a restarted simulator answers for the tasks it accepted
   * before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
  /** The one secret accepted as `Authorization: Bearer <secret>`. Default `sim-runway-secret`. */
  apiKey?: string;
  behavior?: Partial<SimulatorBehavior>;
  /** Tasks the organisation may run at once; later ones wait as `THROTTLED`. Default: unlimited. */
  concurrency?: number;
};

export interface RunwaySimulator extends VideoSimulator {
  /** Changes how many tasks run at once; queued tasks over it answer `THROTTLED`. */
  setConcurrency(limit: number): void;
}

type RunwayTaskRecord = {
  id: string;
  createdAt: number;
  clip: { width: number; height: number; seconds: number; audio?: boolean };
  outcome: JobOutcome;
  cancelledAt: number | undefined;
  deleted: boolean;
};

const taskRoute = /^\/v1\/tasks\/([^/]+)$/;
const fileRoute = /^\/files\/([^/]+)\/output\.mp4$/;
const FAILURE = {
  failure: 'The prompt was flagged by our content moderation system.',
  failureCode: 'SAFETY.INPUT.TEXT',
};

/**
 * A loopback Runway API (`api.dev.runwayml.com`): Bearer auth plus a required `X-Runway-Version`, one create
 * route per mode answering `{id}`, tasks that go `PENDING` (or `THROTTLED` over the concurrency limit) →
 * `RUNNING` with a 0–1 `progress` → `SUCCEEDED` with signed output URLs that expire (`outputTtlMs`) and are
 * signed again on every GET, `FAILED` with `failure` and `failureCode`, `DELETE` to cancel or delete, and
 * `{"error": "…"}` bodies. `/v1/video_to_video` fetches or decodes the source video, checks its length, and makes
 * an output of the same size and length.
 */
export async function startRunwaySimulator(options: RunwaySimulatorOptions = {}): Promise<RunwaySimulator> {
  const apiKey = options.apiKey ?? 'sim-runway-secret';
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  let concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
  const stored = openSimulatorState<RunwayTaskRecord>(options.stateDir);
  const tasks = stored.jobs;
  let outcomes: JobOutcome[] = [];
  const renders = createRenderCache(8);
  let origin = '';

  const error = (status: number, message: string): SimulatorResponse => ({
    status,
    json: { error: message },
  });

  function state(task: RunwayTaskRecord, now: number) {
    if (task.cancelledAt !== undefined) return { status: 'CANCELLED' as const };
    const { phase, progress } = jobPhase(task.createdAt, behavior, now);
    if (phase === 'queued') {
      const ahead = [...tasks.values()].filter(
        (other) => other.createdAt < task.createdAt && !other.deleted && other.cancelledAt === undefined,
      );
      const busy = ahead.filter((other) => jobPhase(other.createdAt, behavior, now).phase !== 'done').length;
      return { status: busy >= concurrency ? ('THROTTLED' as const) : ('PENDING' as const) };
    }
    if (phase === 'running') return { status: 'RUNNING' as const, progress: progress / 100 };
    return task.outcome === 'succeed' ? { status: 'SUCCEEDED' as const } : { status: 'FAILED' as const };
  }

  /** Like Runway's CloudFront links: valid until `_exp`, re-signed on every read of the task. */
  function signedUrl(task: RunwayTaskRecord, now: number): string {
    const expires = behavior.outputTtlMs === undefined ? 'never' : String(now + behavior.outputTtlMs);
    return `${origin}/files/${task.id}/output.mp4?_exp=${expires}`;
  }

  function create(request: SimulatorRequest, now: number): SimulatorResponse {
    const imageRoute = request.path === '/v1/image_to_video';
    if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json))
      return error(400, 'Invalid JSON body');
    const body = request.json as Record<string, unknown>;
    const model = body['model'];
    if (typeof model === 'string' && retiredModels.has(model))
      return error(400, `Model ${model} is no longer available.`);
    const models = imageRoute ? imageToVideoModels : textToVideoModels;
    const rules = typeof model === 'string' ? models[model] : undefined;
    if (!rules)
      return error(
        400,
        `model: Invalid discriminator value. Expected ${Object.keys(models)
          .map((name) => `'${name}'`)
          .join(' | ')}`,
      );
    const problem = validateCreate(body, rules, imageRoute);
    if (problem) return error(400, problem);
    const [width, height] = String(body['ratio']).split(':').map(Number) as [number, number];
    const task: RunwayTaskRecord = {
      id: randomUUID(),
      createdAt: now,
      clip: {
        width,
        height,
        seconds: typeof body['duration'] === 'number' ? body['duration'] : 8,
        // Veo makes sound unless `audio: false`; Runway's own models are silent.
        audio: String(body['model']).startsWith('veo') && body['audio'] !== false,
      },
      outcome: outcomes.shift() ?? 'succeed',
      cancelledAt: undefined,
      deleted: false,
    };
    tasks.set(task.id, task);
    return { status: 200, json: { id: task.id } };
  }

  /** `/v1/video_to_video`: the output keeps the source video's size and length, as Aleph 2's does. */
  async function createFromVideo(request: SimulatorRequest, now: number): Promise<SimulatorResponse> {
    if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json))
      return error(400, 'Invalid JSON body');
    const body = request.json as Record<string, unknown>;
    const model = body['model'];
    if (typeof model === 'string' && retiredModels.has(model))
      return error(400, `Model ${model} is no longer available.`);
    const rules = typeof model === 'string' ? videoToVideoModels[model] : undefined;
    if (!rules)
      return error(
        400,
        `model: Invalid discriminator value. Expected ${Object.keys(videoToVideoModels)
          .map((name) => `'${name}'`)
          .join(' | ')}`,
      );
    const problem = validateVideoToVideo(body);
    if (problem) return error(400, problem);
    const source = await readSourceVideo(body['videoUri'], 'videoUri');
    if (typeof source === 'string') return error(400, source);
    if (source.seconds > rules.maxSeconds + 0.05 || source.seconds < rules.minSeconds - 0.05)
      return error(
        400,
        `videoUri: the video must be ${rules.minSeconds} to ${rules.maxSeconds} seconds long; it is ${source.seconds.toFixed(1)} s`,
      );
    const task: RunwayTaskRecord = {
      id: randomUUID(),
      createdAt: now,
      clip: { width: source.width, height: source.height, seconds: Math.round(source.seconds) },
      outcome: outcomes.shift() ?? 'succeed',
      cancelledAt: undefined,
      deleted: false,
    };
    tasks.set(task.id, task);
    return { status: 200, json: { id: task.id } };
  }

  function read(task: RunwayTaskRecord, now: number): SimulatorResponse {
    const current = state(task, now);
    const base = { id: task.id, createdAt: new Date(task.createdAt).toISOString(), status: current.status };
    switch (current.status) {
      case 'RUNNING':
        return { status: 200, json: { ...base, progress: current.progress } };
      case 'SUCCEEDED':
        return { status: 200, json: { ...base, output: [signedUrl(task, now)] } };
      case 'FAILED':
        return { status: 200, json: { ...base, ...FAILURE } };
      default:
        return { status: 200, json: base };
    }
  }

  function remove(task: RunwayTaskRecord, now: number): SimulatorResponse {
    // A task still pending, throttled or running is cancelled; any other is deleted and purged.
    const current = state(task, now).status;
    if (current === 'PENDING' || current === 'THROTTLED' || current === 'RUNNING') task.cancelledAt = now;
    else task.deleted = true;
    return { status: 204 };
  }

  function file(request: SimulatorRequest, id: string, now: number): SimulatorResponse {
    const task = tasks.get(id);
    const denied: SimulatorResponse = {
      status: 403,
      body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code></Error>',
      headers: { 'content-type': 'application/xml' },
    };
    if (!task || task.deleted || state(task, now).status !== 'SUCCEEDED') return denied;
    const expires = request.query['_exp'];
    if (expires === undefined || (expires !== 'never' && Number(expires) < now)) return denied;
    const rendered = renders.get({ kind: 'video', ...task.clip, seed: task.id });
    return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
  }

  function handle(request: SimulatorRequest): SimulatorResponse | Promise<SimulatorResponse> {
    const now = Date.now();
    const fileMatch = fileRoute.exec(request.path);
    if (fileMatch && request.method === 'GET') return file(request, fileMatch[1]!, now);

    if (request.headers['authorization'] !== `Bearer ${apiKey}`)
      return error(401, 'Invalid API secret. Check the key you are using, or create a new one.');
    if (!request.headers['x-runway-version'])
      return error(400, 'The X-Runway-Version header is required. Use 2024-11-06.');

    if (
      request.method === 'POST' &&
      (request.path === '/v1/text_to_video' || request.path === '/v1/image_to_video')
    )
      return create(request, now);
    if (request.method === 'POST' && request.path === '/v1/video_to_video')
      return createFromVideo(request, now);
    const taskMatch = taskRoute.exec(request.path);
    if (taskMatch) {
      const task = tasks.get(taskMatch[1]!);
      if (!task || task.deleted) return error(404, 'Task not found');
      if (request.method === 'GET') return read(task, now);
      if (request.method === 'DELETE') return remove(task, now);
      return error(405, 'Method not allowed');
    }
    return error(404, 'Not found');
  }

  const server = await startSimulatorServer(
    {
      handle,
      rateLimitBody: () => ({ error: 'You have exceeded the daily task limit for your tier.' }),
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port,
  );
  stored.listening(server.port);
  origin = server.origin;

  return {
    name: 'runway',
    origin,
    baseURL: origin,
    apiKey,
    requests: server.requests,
    configure(next) {
      behavior = { ...behavior, ...next };
    },
    setNextOutcome(outcome, count = 1) {
      for (let index = 0; index < count; index++) outcomes.push(outcome);
    },
    setConcurrency(limit) {
      concurrency = limit;
    },
    injectFault: (rule) => server.injectFault(rule),
    reset() {
      server.requests.length = 0;
      server.clearFaults();
      outcomes = [];
      tasks.clear();
      stored.save();
      concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
    },
    close: () => server.close(),
  };
}
