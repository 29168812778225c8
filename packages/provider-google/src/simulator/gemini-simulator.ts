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
import { googleError, googleRateLimitBody } from './google-errors';
import { clipOf, type VeoModelRules, type VeoSourceVideo, validateVeoBody } from './veo-validation';

export type GeminiSimulatorOptions = {
  port?: number;
  /**
   * A folder to keep operations and the port in, so a restarted simulator answers for the operations it accepted
   * before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
  /** The one key accepted in `x-goog-api-key` (or `?key=`). Default `sim-gemini-key`. */
  apiKey?: string;
  behavior?: Partial<SimulatorBehavior>;
  /**
   * Answer every Veo call as after the reported 2026-10-22 shutdown: 404 "… is no longer available".
   * Default `false`: the API as documented while it served Veo.
   */
  shutDown?: boolean;
};

export interface GeminiSimulator extends VideoSimulator {
  /** Where downloads redirect to: another host, as at Google, reached without the key. */
  readonly storageOrigin: string;
  setShutDown(shutDown: boolean): void;
}

const full = { lastFrame: true, referenceImages: true, extension: true };
const models: Record<string, VeoModelRules> = {
  'veo-3.1-generate-preview': { resolutions: ['720p', '1080p', '4k'], ...full },
  'veo-3.1-fast-generate-preview': { resolutions: ['720p', '1080p', '4k'], ...full },
  'veo-3.1-lite-generate-preview': {
    resolutions: ['720p', '1080p'],
    lastFrame: false,
    referenceImages: false,
    extension: false,
  },
};

/** The longest video the Gemini API extends (its video guide). */
const MAX_SOURCE_SECONDS = 141;

type GeminiJob = {
  name: string;
  fileId: string;
  createdAt: number;
  clip: ReturnType<typeof clipOf>;
  outcome: JobOutcome;
};

const predictRoute = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/;
const operationRoute = /^\/v1beta\/(models\/[^/]+\/operations\/[^/]+)$/;
const downloadRoute = /^\/v1beta\/files\/([^/:]+):download$/;
const storageRoute = /^\/storage\/([^/]+)\/video\.mp4$/;

/**
 * A loopback Gemini API for Veo: `x-goog-api-key` auth (a wrong key is 400 INVALID_ARGUMENT "API key not valid",
 * none is 403), `:predictLongRunning` answering `{name}`, `GET {name}` until `done`, samples at
 * `response.generateVideoResponse.generatedSamples[].video.uri`, a Files API download that needs the key and
 * redirects to a short-lived storage URL, safety-filtered results (`fail`) and operation errors (`abort`).
 */
export async function startGeminiSimulator(options: GeminiSimulatorOptions = {}): Promise<GeminiSimulator> {
  const apiKey = options.apiKey ?? 'sim-gemini-key';
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  let shutDown = options.shutDown ?? false;
  const stored = openSimulatorState<GeminiJob>(options.stateDir);
  const jobs = stored.jobs;
  let outcomes: JobOutcome[] = [];
  const renders = createRenderCache(4);
  let origin = '';
  let storageOrigin = '';

  const jobByFile = (fileId: string) => [...jobs.values()].find((job) => job.fileId === fileId);
  const completedAt = (job: GeminiJob) => job.createdAt + behavior.queueMs + behavior.runMs;
  const expired = (job: GeminiJob, now: number) =>
    behavior.outputTtlMs !== undefined && now > completedAt(job) + behavior.outputTtlMs;

  function operation(job: GeminiJob, now: number) {
    if (jobPhase(job.createdAt, behavior, now).phase !== 'done') return { name: job.name };
    if (job.outcome === 'abort')
      return {
        name: job.name,
        done: true,
        error: { code: 13, message: 'Video generation failed due to an internal error.' },
      };
    const type = 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse';
    if (job.outcome === 'fail') {
      return {
        name: job.name,
        done: true,
        response: {
          '@type': type,
          generateVideoResponse: {
            raiMediaFilteredCount: 1,
            raiMediaFilteredReasons: [
              "We can't create videos of this content. Try rephrasing your prompt. Support codes: 58061214",
            ],
          },
        },
      };
    }
    const uri = `${origin}/v1beta/files/${job.fileId}:download?alt=media`;
    return {
      name: job.name,
      done: true,
      response: { '@type': type, generateVideoResponse: { generatedSamples: [{ video: { uri } }] } },
    };
  }

  /**
   * The video an extension continues: only a sample this API made, named by its `uri`, while it is kept.
   * `undefined` when the body extends nothing; a message when the video cannot be extended.
   */
  function sourceOf(body: unknown, now: number): VeoSourceVideo | string | undefined {
    const video = (body as { instances: Array<{ video?: { uri: string } }> }).instances[0]!.video;
    if (video === undefined) return undefined;
    const match = new RegExp(`^${origin}/v1beta/files/([^/:?]+):download`).exec(video.uri);
    const job = match ? jobByFile(match[1]!) : undefined;
    if (
      job?.outcome !== 'succeed' ||
      jobPhase(job.createdAt, behavior, now).phase !== 'done' ||
      expired(job, now)
    )
      return `Only videos generated by Veo can be extended, while they are kept: ${video.uri} is not one.`;
    if (job.clip.seconds > MAX_SOURCE_SECONDS)
      return `The input video is ${job.clip.seconds} seconds long; Veo extends videos of up to ${MAX_SOURCE_SECONDS} seconds.`;
    return job.clip;
  }

  function handleStorage(request: SimulatorRequest): SimulatorResponse {
    const now = Date.now();
    const storage = storageRoute.exec(request.path);
    if (storage && request.method === 'GET') {
      // The signed storage URL a download redirects to: no key, valid for a short while.
      const job = jobByFile(storage[1]!);
      if (!job || Number(request.query['expires'] ?? 0) < now || expired(job, now))
        return { status: 403, body: 'AccessDenied', headers: { 'content-type': 'text/plain' } };
      const rendered = renders.get({
        kind: 'video',
        width: job.clip.width,
        height: job.clip.height,
        seconds: job.clip.seconds,
        seed: job.name,
        audio: job.clip.audio,
      });
      return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
    }
    return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
  }

  function handle(request: SimulatorRequest): SimulatorResponse {
    const now = Date.now();
    const key = request.headers['x-goog-api-key'] ?? request.query['key'];
    if (key === undefined)
      return googleError(
        403,
        'PERMISSION_DENIED',
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    if (key !== apiKey)
      return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ]);

    const download = downloadRoute.exec(request.path);
    if (download && request.method === 'GET') {
      const job = jobByFile(download[1]!);
      if (!job || expired(job, now))
        return googleError(404, 'NOT_FOUND', `File ${download[1]} does not exist.`);
      return {
        status: 302,
        headers: { location: `${storageOrigin}/storage/${job.fileId}/video.mp4?expires=${now + 60_000}` },
      };
    }
    const operationMatch = operationRoute.exec(request.path);
    if (operationMatch && request.method === 'GET') {
      const job = jobs.get(operationMatch[1]!);
      if (!job) return googleError(404, 'NOT_FOUND', `Operation ${operationMatch[1]} not found.`);
      return { status: 200, json: operation(job, now) };
    }
    const predict = predictRoute.exec(request.path);
    if (predict && request.method === 'POST') {
      const model = predict[1]!;
      const rules = models[model];
      if (!rules || shutDown)
        return googleError(
          404,
          'NOT_FOUND',
          `models/${model} is no longer available. Use Veo 3.1 on Vertex AI.`,
        );
      const problem = validateVeoBody(request.json, rules, 'gemini');
      if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
      const source = sourceOf(request.json, now);
      if (typeof source === 'string') return googleError(400, 'INVALID_ARGUMENT', source);
      const id = randomUUID().replaceAll('-', '').slice(0, 12);
      const job: GeminiJob = {
        name: `models/${model}/operations/${id}`,
        fileId: randomUUID().replaceAll('-', '').slice(0, 12),
        createdAt: now,
        clip: clipOf(request.json, source),
        outcome: outcomes.shift() ?? 'succeed',
      };
      jobs.set(job.name, job);
      return { status: 200, json: { name: job.name } };
    }
    return googleError(404, 'NOT_FOUND', 'The requested URL was not found on this server.');
  }

  const server = await startSimulatorServer(
    {
      handle,
      rateLimitBody: googleRateLimitBody,
      preferredPort: stored.lastPort,
      afterChange: stored.save,
    },
    options.port,
  );
  stored.listening(server.port);
  const storage = await startSimulatorServer({ handle: handleStorage, rateLimitBody: googleRateLimitBody });
  origin = server.origin;
  storageOrigin = storage.origin;

  return {
    name: 'google',
    origin,
    baseURL: `${origin}/v1beta`,
    apiKey,
    storageOrigin,
    requests: server.requests,
    setShutDown(value) {
      shutDown = value;
    },
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
      shutDown = options.shutDown ?? false;
    },
    async close() {
      await Promise.all([server.close(), storage.close()]);
    },
  };
}
