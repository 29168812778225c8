import { randomUUID } from 'node:crypto';
import { dimensionsForTier, parseRatio, type ResolutionTier } from '@reelay/core';
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
import { readSource, sourceLengthProblem, validateSourceBody, type XaiSource } from './xai-source-validation';
import { validateGeneration } from './xai-validation';

export type XaiSimulatorOptions = {
  port?: number;
  /**
   * A folder to keep requests and the port in, so a restarted simulator answers for the requests it accepted
   * before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
  /** The one key accepted as `Authorization: Bearer <key>`. Default `xai-sim-key`. */
  apiKey?: string;
  behavior?: Partial<SimulatorBehavior>;
};

type XaiRequestRecord = {
  id: string;
  model: string;
  createdAt: number;
  clip: { width: number; height: number; seconds: number; tier: ResolutionTier; audio?: boolean };
  outcome: JobOutcome;
};

/** xAI bills per generated second at the chosen resolution; 1 tick = 1e-10 USD. */
const USD_PER_SECOND: Record<string, number> = { '480p': 0.05, '720p': 0.07, '1080p': 0.25 };
const TICKS_PER_USD = 10_000_000_000;

/** The output size of an edit or extension: the source's, capped at 720p on its short side. */
function capped(source: XaiSource): { width: number; height: number; tier: ResolutionTier } {
  const short = Math.min(source.width, source.height);
  const scale = short > 720 ? 720 / short : 1;
  const even = (value: number) => Math.max(2, Math.round((value * scale) / 2) * 2);
  return {
    width: even(source.width),
    height: even(source.height),
    tier: Math.min(source.width, source.height) * scale <= 480 ? '480p' : '720p',
  };
}

const videoRoute = /^\/v1\/videos\/([^/]+)$/;
const fileRoute = /^\/files\/([^/]+)\/video\.mp4$/;

/**
 * A loopback xAI API (`api.x.ai/v1`): `POST /videos/generations`, `/videos/edits` and `/videos/extensions`
 * answer `{request_id}` (edits and extensions read the source video, as xAI downloads it), `GET /videos/{id}`
 * goes `pending` (with `progress`) → `done` with `video.url`, `duration`, `respect_moderation` and
 * `usage.cost_in_usd_ticks`; outcome `fail` is a `done` video that moderation blocked, `abort` a `failed` request.
 * A wrong key is a 400, as xAI answers it; video URLs expire after `outputTtlMs` (24 h at xAI).
 */
export async function startXaiSimulator(options: XaiSimulatorOptions = {}): Promise<VideoSimulator> {
  const apiKey = options.apiKey ?? 'xai-sim-key';
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  const stored = openSimulatorState<XaiRequestRecord>(options.stateDir);
  const requests = stored.jobs;
  let outcomes: JobOutcome[] = [];
  const renders = createRenderCache(8);
  let origin = '';

  const invalid = (status: number, message: string): SimulatorResponse => ({
    status,
    json: { code: 'Client specified an invalid argument', error: message },
  });

  function create(request: SimulatorRequest, now: number): SimulatorResponse {
    if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json))
      return invalid(400, 'Failed to deserialize the JSON body into the target type');
    const body = request.json as Record<string, unknown>;
    const problem = validateGeneration(body);
    if (problem) return invalid(problem.includes('does not exist') ? 404 : 422, problem);
    const tier = String(body['resolution'] ?? '480p') as ResolutionTier;
    const ratio = parseRatio(String(body['aspect_ratio'] ?? '16:9')) ?? 16 / 9;
    const record: XaiRequestRecord = {
      id: randomUUID(),
      model: String(body['model'] ?? 'grok-imagine-video'),
      createdAt: now,
      clip: {
        ...dimensionsForTier(tier, ratio),
        seconds: Number(body['duration'] ?? 8),
        tier,
        audio: body['generate_audio'] !== false,
      },
      outcome: outcomes.shift() ?? 'succeed',
    };
    requests.set(record.id, record);
    return { status: 200, json: { request_id: record.id } };
  }

  /**
   * An edit or an extension: the source is read like xAI downloads it, and the result follows it, capped at
   * 720p. An edit keeps the source's length; an extension returns the source followed by the new segment.
   */
  async function createFromSource(
    request: SimulatorRequest,
    now: number,
    operation: 'edit' | 'extend',
  ): Promise<SimulatorResponse> {
    if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json))
      return invalid(400, 'Failed to deserialize the JSON body into the target type');
    const body = request.json as Record<string, unknown>;
    const model = body['model'] ?? 'grok-imagine-video';
    if (model !== 'grok-imagine-video' && model !== 'grok-imagine-video-1.5')
      return invalid(
        404,
        `The model ${String(model)} does not exist or your team does not have access to it.`,
      );
    const problem = validateSourceBody(body, operation);
    if (problem) return invalid(422, problem);
    const source = await readSource((body['video'] as { url: string }).url);
    if (typeof source === 'string') return invalid(422, source);
    const tooLong = sourceLengthProblem(source, operation);
    if (tooLong) return invalid(422, tooLong);
    const segment = operation === 'extend' ? Number(body['duration'] ?? 6) : 0;
    const record: XaiRequestRecord = {
      id: randomUUID(),
      model: String(model),
      createdAt: now,
      clip: { ...capped(source), seconds: Math.round((source.seconds + segment) * 1000) / 1000 },
      outcome: outcomes.shift() ?? 'succeed',
    };
    requests.set(record.id, record);
    return { status: 200, json: { request_id: record.id } };
  }

  function read(record: XaiRequestRecord, now: number): SimulatorResponse {
    const { phase, progress } = jobPhase(record.createdAt, behavior, now);
    if (phase !== 'done') return { status: 200, json: { status: 'pending', progress } };
    if (record.outcome === 'abort') {
      return {
        status: 200,
        json: { status: 'failed', error: { code: 'internal', message: 'Video generation failed.' } },
      };
    }
    const ticks = Math.round(
      (USD_PER_SECOND[record.clip.tier] ?? 0.05) * record.clip.seconds * TICKS_PER_USD,
    );
    const blocked = record.outcome === 'fail';
    return {
      status: 200,
      json: {
        status: 'done',
        model: record.model,
        progress: 100,
        video: {
          url: blocked ? '' : `${origin}/files/${record.id}/video.mp4`,
          duration: record.clip.seconds,
          respect_moderation: !blocked,
        },
        usage: { cost_in_usd_ticks: ticks },
      },
    };
  }

  function file(id: string, now: number): SimulatorResponse {
    const record = requests.get(id);
    const notFound: SimulatorResponse = {
      status: 404,
      body: 'Not Found',
      headers: { 'content-type': 'text/plain' },
    };
    if (record?.outcome !== 'succeed' || jobPhase(record.createdAt, behavior, now).phase !== 'done')
      return notFound;
    const completedAt = record.createdAt + behavior.queueMs + behavior.runMs;
    if (behavior.outputTtlMs !== undefined && now > completedAt + behavior.outputTtlMs) return notFound;
    const rendered = renders.get({ kind: 'video', ...record.clip, seed: record.id });
    return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
  }

  async function handle(request: SimulatorRequest): Promise<SimulatorResponse> {
    const now = Date.now();
    const fileMatch = fileRoute.exec(request.path);
    if (fileMatch && request.method === 'GET') return file(fileMatch[1]!, now);

    const authorization = request.headers['authorization'];
    if (!authorization) return invalid(400, 'No API key provided. Pass it as Authorization: Bearer <key>.');
    if (authorization !== `Bearer ${apiKey}`) {
      return invalid(400, 'Incorrect API key provided. You can obtain an API key from https://console.x.ai.');
    }
    if (request.method === 'POST' && request.path === '/v1/videos/generations') return create(request, now);
    if (request.method === 'POST' && request.path === '/v1/videos/edits')
      return createFromSource(request, now, 'edit');
    if (request.method === 'POST' && request.path === '/v1/videos/extensions')
      return createFromSource(request, now, 'extend');
    const videoMatch = videoRoute.exec(request.path);
    if (videoMatch && request.method === 'GET') {
      const record = requests.get(videoMatch[1]!);
      if (!record) return invalid(404, `Video request ${videoMatch[1]} not found`);
      return read(record, now);
    }
    return invalid(404, 'Not found');
  }

  const server = await startSimulatorServer(
    {
      handle,
      rateLimitBody: () => ({
        code: 'Some resource has been exhausted',
        error: 'Rate limit exceeded for grok-imagine-video. Please slow down.',
      }),
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port,
  );
  stored.listening(server.port);
  origin = server.origin;

  return {
    name: 'xai',
    origin,
    baseURL: `${origin}/v1`,
    apiKey,
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
      requests.clear();
      stored.save();
    },
    close: () => server.close(),
  };
}
