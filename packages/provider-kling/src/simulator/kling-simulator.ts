import { randomUUID } from 'node:crypto';
import { dimensionsForTier, parseRatio } from '@reelay/core';
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
import { checkKlingAuthorization } from './kling-auth';
import { validateKlingCreate } from './kling-validation';

export type KlingSimulatorOptions = {
  port?: number;
  /**
   * A folder to keep tasks and the port in, so a restarted simulator answers for the tasks it accepted
   * before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
  /** A static Bearer token accepted as is. Default `sim-kling-key`. */
  apiKey?: string;
  /** The access key / secret key pair JWTs must be signed with. Defaults `sim-kling-ak` / `sim-kling-sk`. */
  accessKey?: string;
  secretKey?: string;
  behavior?: Partial<SimulatorBehavior>;
};

export interface KlingSimulator extends VideoSimulator {
  readonly accessKey: string;
  readonly secretKey: string;
}

type KlingTaskRecord = {
  id: string;
  endpoint: 'text2video' | 'image2video' | 'multi-image2video';
  createdAt: number;
  clip: { width: number; height: number; seconds: number; audio?: boolean };
  outcome: JobOutcome;
  /** The caller's `external_task_id`, unique per account; the task can be queried by it. */
  externalTaskId?: string | undefined;
};

const createRoute = /^\/v1\/videos\/(text2video|image2video|multi-image2video)$/;
const taskRoute = /^\/v1\/videos\/(text2video|image2video|multi-image2video)\/([^/]+)$/;
const fileRoute = /^\/files\/([^/]+)\/output\.mp4$/;
const RISK_CONTROL = 'Failure to pass the risk control system';

/**
 * A loopback Kling API (`api-singapore.klingai.com`): Bearer JWT (HS256, `iss` = access key) or a static key,
 * answers wrapped in `{code, message, request_id, data}`, tasks `submitted` → `processing` → `succeed` or
 * `failed` with `task_status_msg`, read back only under the path family they were created on, and Kling's
 * error codes with their HTTP statuses (401/1001–1004, 400/1201, 404/1203, 429/1302).
 */
export async function startKlingSimulator(options: KlingSimulatorOptions = {}): Promise<KlingSimulator> {
  const keys = {
    apiKey: options.apiKey ?? 'sim-kling-key',
    accessKey: options.accessKey ?? 'sim-kling-ak',
    secretKey: options.secretKey ?? 'sim-kling-sk',
  };
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  const stored = openSimulatorState<KlingTaskRecord>(options.stateDir);
  const tasks = stored.jobs;
  let outcomes: JobOutcome[] = [];
  const renders = createRenderCache(8);
  let origin = '';

  const failure = (status: number, code: number, message: string): SimulatorResponse => ({
    status,
    json: { code, message, request_id: randomUUID() },
  });
  const success = (data: unknown): SimulatorResponse => ({
    status: 200,
    json: { code: 0, message: 'SUCCEED', request_id: randomUUID(), data },
  });

  function statusOf(task: KlingTaskRecord, now: number) {
    const { phase } = jobPhase(task.createdAt, behavior, now);
    if (phase === 'queued') return 'submitted';
    if (phase === 'running') return 'processing';
    return task.outcome === 'succeed' ? 'succeed' : 'failed';
  }

  function describe(task: KlingTaskRecord, now: number) {
    const status = statusOf(task, now);
    return {
      task_id: task.id,
      task_status: status,
      task_status_msg: status === 'failed' ? RISK_CONTROL : '',
      task_info: task.externalTaskId === undefined ? {} : { external_task_id: task.externalTaskId },
      ...(status === 'succeed'
        ? {
            task_result: {
              videos: [
                {
                  id: `${task.id}-0`,
                  url: `${origin}/files/${task.id}/output.mp4`,
                  duration: task.clip.seconds.toFixed(1),
                },
              ],
            },
            final_unit_deduction: String(task.clip.seconds),
          }
        : {}),
      created_at: task.createdAt,
      updated_at: now,
    };
  }

  function create(request: SimulatorRequest, endpoint: KlingTaskRecord['endpoint'], now: number) {
    if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json))
      return failure(400, 1200, 'request body is not valid JSON');
    const body = request.json as Record<string, unknown>;
    const problem = validateKlingCreate(body, endpoint);
    if (problem) return failure(400, 1201, problem);
    const external = body['external_task_id'];
    if (external !== undefined && (typeof external !== 'string' || external === '')) {
      return failure(400, 1201, 'external_task_id must be a non-empty string');
    }
    if (external !== undefined && [...tasks.values()].some((each) => each.externalTaskId === external)) {
      return failure(400, 1201, `external_task_id ${external} already exists`);
    }
    const tier = body['mode'] === 'pro' ? '1080p' : '720p';
    const ratio =
      parseRatio(typeof body['aspect_ratio'] === 'string' ? body['aspect_ratio'] : '16:9') ?? 16 / 9;
    const task: KlingTaskRecord = {
      id: String(800_000_000_000_000_000n + BigInt(tasks.size + 1)),
      endpoint,
      createdAt: now,
      clip: {
        ...dimensionsForTier(tier, ratio),
        seconds: Number(body['duration'] ?? '5'),
        audio: body['sound'] === 'on',
      },
      outcome: outcomes.shift() ?? 'succeed',
      externalTaskId: external,
    };
    tasks.set(task.id, task);
    return success({
      task_id: task.id,
      task_info: external === undefined ? {} : { external_task_id: external },
      task_status: 'submitted',
      created_at: now,
      updated_at: now,
    });
  }

  function file(id: string, now: number): SimulatorResponse {
    const task = tasks.get(id);
    const notFound: SimulatorResponse = {
      status: 404,
      body: 'Not Found',
      headers: { 'content-type': 'text/plain' },
    };
    if (!task || statusOf(task, now) !== 'succeed') return notFound;
    // Kling clears generated videos after 30 days; `outputTtlMs` plays that part here.
    const completedAt = task.createdAt + behavior.queueMs + behavior.runMs;
    if (behavior.outputTtlMs !== undefined && now > completedAt + behavior.outputTtlMs) return notFound;
    const rendered = renders.get({ kind: 'video', ...task.clip, seed: task.id });
    return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
  }

  function handle(request: SimulatorRequest): SimulatorResponse {
    const now = Date.now();
    const fileMatch = fileRoute.exec(request.path);
    if (fileMatch && request.method === 'GET') return file(fileMatch[1]!, now);

    const denied = checkKlingAuthorization(request.headers['authorization'], keys, Math.floor(now / 1000));
    if (denied) return failure(401, denied.code, denied.message);

    const createMatch = createRoute.exec(request.path);
    if (createMatch && request.method === 'POST')
      return create(request, createMatch[1] as KlingTaskRecord['endpoint'], now);
    const taskMatch = taskRoute.exec(request.path);
    if (taskMatch && request.method === 'GET') {
      // The path takes Kling's task id or the caller's external_task_id.
      const id = decodeURIComponent(taskMatch[2]!);
      const task = tasks.get(id) ?? [...tasks.values()].find((each) => each.externalTaskId === id);
      // A task is found only under the family it was created on.
      if (!task || task.endpoint !== taskMatch[1]) return failure(404, 1203, 'task not found');
      return success(describe(task, now));
    }
    return failure(404, 1202, 'invalid request method or path');
  }

  const server = await startSimulatorServer(
    {
      handle,
      rateLimitBody: () => ({ code: 1302, message: 'request rate too high', request_id: randomUUID() }),
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port,
  );
  stored.listening(server.port);
  origin = server.origin;

  return {
    name: 'kling',
    origin,
    baseURL: origin,
    apiKey: keys.apiKey,
    accessKey: keys.accessKey,
    secretKey: keys.secretKey,
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
      tasks.clear();
      stored.save();
    },
    close: () => server.close(),
  };
}
