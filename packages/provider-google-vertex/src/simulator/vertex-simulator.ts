import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clipOf,
  googleError,
  googleRateLimitBody,
  type VeoModelRules,
  validateVeoBody,
} from '@reelay/provider-google/simulator';
import {
  createRenderCache,
  defaultSimulatorBehavior,
  type JobOutcome,
  jobPhase,
  openSimulatorState,
  type RecordedRequest,
  type SimulatorBehavior,
  type SimulatorRequest,
  type SimulatorResponse,
  startSimulatorServer,
  type VideoSimulator,
} from '@reelay/testing';
import { vertexSourceOf } from './vertex-source';
import { startVertexTokenServer } from './vertex-token-server';

export type VertexSimulatorOptions = {
  port?: number;
  /**
   * A folder to keep operations and the port in, so a restarted simulator answers for the operations it accepted
   * before (on the same port when it is free). Default: memory only.
   */
  stateDir?: string | undefined;
  project?: string;
  location?: string;
  behavior?: Partial<SimulatorBehavior>;
  /** Seconds an issued access token lives (Google: 3599). */
  tokenLifetimeS?: number;
};

export interface VertexSimulator extends VideoSimulator {
  readonly project: string;
  readonly location: string;
  /** Path of a service-account key file (JSON) whose `token_uri` is this simulator's token endpoint. */
  readonly credentialsFile: string;
  /** The key file's contents. */
  readonly serviceAccount: Record<string, string>;
  /** Requests the token endpoint received (kept apart: at Google it is another host). */
  readonly tokenRequests: RecordedRequest[];
  /** Access tokens issued so far, newest last. */
  readonly issuedTokens: ReadonlyArray<{ token: string; expiresAt: number }>;
  setTokenLifetime(seconds: number): void;
}

const full = { lastFrame: true, referenceImages: true, extension: true };
const models: Record<string, VeoModelRules> = {
  'veo-3.1-generate-001': { resolutions: ['720p', '1080p', '4k'], ...full },
  'veo-3.1-fast-generate-001': { resolutions: ['720p', '1080p', '4k'], ...full },
  'veo-3.1-lite-generate-001': {
    resolutions: ['720p', '1080p'],
    lastFrame: false,
    referenceImages: false,
    extension: true,
  },
};

type VertexJob = {
  name: string;
  createdAt: number;
  clip: ReturnType<typeof clipOf>;
  storageUri: string | undefined;
  outcome: JobOutcome;
};

const modelRoute =
  /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(predictLongRunning|fetchPredictOperation)$/;
const storageRoute = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/;

/**
 * A loopback Vertex AI for Veo plus its OAuth token endpoint and Cloud Storage: service-account JWTs exchanged
 * for expiring access tokens, `:predictLongRunning` answering an operation name, `:fetchPredictOperation`
 * polling it, videos inline as `bytesBase64Encoded` (or as `gcsUri` when `storageUri` is set, read back from the
 * storage JSON API with the token), safety-filtered results (outcome `fail`) and operation errors (`abort`).
 */
export async function startVertexSimulator(options: VertexSimulatorOptions = {}): Promise<VertexSimulator> {
  const project = options.project ?? 'sim-project';
  const location = options.location ?? 'us-central1';
  const clientEmail = `reelay-sim@${project}.iam.gserviceaccount.com`;
  let behavior: SimulatorBehavior = { ...defaultSimulatorBehavior, ...options.behavior };
  let tokenLifetimeS = options.tokenLifetimeS ?? 3599;
  const stored = openSimulatorState<VertexJob>(options.stateDir);
  const jobs = stored.jobs;
  let outcomes: JobOutcome[] = [];
  const renders = createRenderCache(4);

  const tokens = await startVertexTokenServer({ clientEmail, tokenLifetimeS: () => tokenLifetimeS });
  const directory = mkdtempSync(join(tmpdir(), 'reelay-vertex-sim-'));
  const serviceAccount = {
    type: 'service_account',
    project_id: project,
    private_key_id: randomUUID().replaceAll('-', ''),
    private_key: tokens.privateKeyPem,
    client_email: clientEmail,
    client_id: '100000000000000000001',
    token_uri: tokens.tokenUri,
  };
  const credentialsFile = join(directory, 'service-account.json');
  writeFileSync(credentialsFile, JSON.stringify(serviceAccount, null, 2), { mode: 0o600 });

  function authorized(request: SimulatorRequest): SimulatorResponse | undefined {
    const header = request.headers['authorization'];
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const issued = tokens.issued.find((candidate) => candidate.token === token);
    if (!issued || issued.expiresAt <= Date.now()) {
      return googleError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    return undefined;
  }

  function render(job: VertexJob) {
    return renders.get({
      kind: 'video',
      width: job.clip.width,
      height: job.clip.height,
      seconds: job.clip.seconds,
      seed: job.name,
      audio: job.clip.audio,
    });
  }

  function operation(job: VertexJob, now: number) {
    const { phase } = jobPhase(job.createdAt, behavior, now);
    if (phase !== 'done') return { name: job.name, done: false };
    if (job.outcome === 'abort')
      return { name: job.name, done: true, error: { code: 13, message: 'Internal error encountered.' } };
    const type = 'type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse';
    if (job.outcome === 'fail') {
      return {
        name: job.name,
        done: true,
        response: {
          '@type': type,
          raiMediaFilteredCount: job.clip.samples,
          raiMediaFilteredReasons: [
            'Your current safety settings for person generation or the prompt prevented this video. Support code: 17301594.',
          ],
        },
      };
    }
    const videos = Array.from({ length: job.clip.samples }, (_, index) =>
      job.storageUri
        ? {
            gcsUri: `${job.storageUri}${job.name.split('/').at(-1)}/sample_${index}.mp4`,
            mimeType: 'video/mp4',
          }
        : { bytesBase64Encoded: Buffer.from(render(job).bytes).toString('base64'), mimeType: 'video/mp4' },
    );
    return { name: job.name, done: true, response: { '@type': type, raiMediaFilteredCount: 0, videos } };
  }

  function handle(request: SimulatorRequest): SimulatorResponse {
    const now = Date.now();
    const denied = authorized(request);
    if (denied) return denied;
    const storage = storageRoute.exec(request.path);
    if (storage && request.method === 'GET') {
      const objectName = decodeURIComponent(storage[2]!);
      const job = [...jobs.values()].find(
        (candidate) =>
          candidate.storageUri && `gs://${storage[1]}/${objectName}`.startsWith(candidate.storageUri),
      );
      if (!job || request.query['alt'] !== 'media')
        return googleError(404, 'NOT_FOUND', `No such object: ${storage[1]}/${objectName}`);
      const rendered = render(job);
      return { status: 200, body: rendered.bytes, headers: { 'content-type': rendered.contentType } };
    }
    const route = modelRoute.exec(request.path);
    if (!route || request.method !== 'POST')
      return googleError(404, 'NOT_FOUND', 'The requested URL was not found on this server.');
    const [, routeProject, routeLocation, model, verb] = route;
    if (routeProject !== project || routeLocation !== location) {
      return googleError(
        403,
        'PERMISSION_DENIED',
        `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${routeProject}/locations/${routeLocation}/publishers/google/models/${model}' (or it may not exist).`,
      );
    }
    const rules = models[model!];
    if (!rules) {
      return googleError(
        404,
        'NOT_FOUND',
        `Publisher Model \`projects/${project}/locations/${location}/publishers/google/models/${model}\` was not found or your project does not have access to it.`,
      );
    }
    if (verb === 'fetchPredictOperation') {
      const name = (request.json as { operationName?: unknown } | undefined)?.operationName;
      const job = typeof name === 'string' ? jobs.get(name) : undefined;
      if (!job) return googleError(404, 'NOT_FOUND', `Operation ${String(name)} not found.`);
      return { status: 200, json: operation(job, now) };
    }
    const problem = validateVeoBody(request.json, rules, 'vertex');
    if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
    const source = vertexSourceOf(request.json, (gcsUri) => {
      const job = [...jobs.values()].find(
        (candidate) => candidate.storageUri && gcsUri.startsWith(candidate.storageUri),
      );
      return job?.clip;
    });
    if (typeof source === 'string') return googleError(400, 'INVALID_ARGUMENT', source);
    const storageUri = (request.json as { parameters?: { storageUri?: unknown } }).parameters?.storageUri;
    const job: VertexJob = {
      name: `projects/${project}/locations/${location}/publishers/google/models/${model}/operations/${randomUUID()}`,
      createdAt: now,
      clip: clipOf(request.json, source),
      storageUri: typeof storageUri === 'string' ? storageUri.replace(/\/?$/, '/') : undefined,
      outcome: outcomes.shift() ?? 'succeed',
    };
    jobs.set(job.name, job);
    return { status: 200, json: { name: job.name } };
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

  return {
    name: 'google-vertex',
    origin: server.origin,
    baseURL: `${server.origin}/v1`,
    // Every access token the simulator issues starts with this; the contract suite looks for it.
    apiKey: 'ya29.sim-vertex.',
    project,
    location,
    credentialsFile,
    serviceAccount,
    requests: server.requests,
    tokenRequests: tokens.server.requests,
    issuedTokens: tokens.issued,
    setTokenLifetime(seconds) {
      tokenLifetimeS = seconds;
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
      tokens.server.requests.length = 0;
      server.clearFaults();
      outcomes = [];
      jobs.clear();
      stored.save();
      tokenLifetimeS = options.tokenLifetimeS ?? 3599;
    },
    async close() {
      await Promise.all([server.close(), tokens.server.close()]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
