import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KlingSimulator, startKlingSimulator } from '@reelay/provider-kling/simulator';
import { type RunwaySimulator, startRunwaySimulator } from '@reelay/provider-runway/simulator';
import {
  type FalSimulator,
  type OpenAISimulator,
  type RecordedRequest,
  type ReplicateSimulator,
  startFalSimulator,
  startOpenAISimulator,
  startReplicateSimulator,
  type VideoSimulator,
} from '@reelay/testing';
import { startTestGateway, type TestGateway } from './test-gateway';

/** How long the gateway waits for a provider's response headers: a `stall` outlasts it. */
export const UPSTREAM_HEADERS_TIMEOUT_MS = 3_000;

/** One provider of the storm: its simulator, a model pinned to it, and how to tell its requests apart. */
export type StormProvider = {
  id: 'openai' | 'fal' | 'replicate' | 'runway' | 'kling';
  /** A model pinned to this provider (`fal/veo-3.1`), so a fault reaches the provider it was injected into. */
  model: string;
  seconds: string;
  simulator: VideoSimulator;
  /** Create requests (submissions), as a fault route. */
  createRoute: RegExp;
  /** Status reads of a job (polls), as a fault route. */
  pollRoute: RegExp;
  /** Output files, as a fault route. */
  outputRoute: string | RegExp;
};

export type Storm = {
  gateway: TestGateway;
  providers: StormProvider[];
  openai: OpenAISimulator;
  fal: FalSimulator;
  replicate: ReplicateSimulator;
  runway: RunwaySimulator;
  kling: KlingSimulator;
  close(): Promise<void>;
};

const behavior = { queueMs: 20, runMs: 80 };

/**
 * Five provider simulators started explicitly (not the sandbox), and the real gateway pointed at them the way
 * an operator would: credentials and base URLs in a `REELAY_CONFIG` file that lists the built-in plugins with
 * their settings, a short response-headers timeout among them, sandbox mode off.
 */
export async function startStorm(options: { firstPollMs?: number } = {}): Promise<Storm> {
  const [openai, fal, replicate, runway, kling] = await Promise.all([
    startOpenAISimulator({ behavior }),
    startFalSimulator({ behavior }),
    startReplicateSimulator({ behavior }),
    startRunwaySimulator({ behavior }),
    startKlingSimulator({ behavior }),
  ]);
  const timeouts = { connectMs: 2_000, headersMs: UPSTREAM_HEADERS_TIMEOUT_MS, bodyMs: 5_000 };
  const configDir = await mkdtemp(join(tmpdir(), 'reelay-storm-config-'));
  const configFile = join(configDir, 'reelay.json');
  await writeFile(
    configFile,
    JSON.stringify({
      plugins: [
        {
          package: '@reelay/provider-openai',
          settings: {
            apiKey: openai.apiKey,
            baseURL: openai.baseURL,
            webhookSecret: openai.webhookSecret,
            timeouts,
          },
        },
        {
          package: '@reelay/provider-fal',
          settings: { apiKey: fal.apiKey, baseURL: fal.baseURL, jwksUrl: fal.jwksUrl, timeouts },
        },
        {
          package: '@reelay/provider-replicate',
          settings: {
            apiKey: replicate.apiKey,
            baseURL: replicate.baseURL,
            webhookSecret: replicate.webhookSecret,
            timeouts,
          },
        },
        {
          package: '@reelay/provider-runway',
          settings: { apiKey: runway.apiKey, baseURL: runway.baseURL, timeouts },
        },
        {
          package: '@reelay/provider-kling',
          settings: {
            accessKey: kling.accessKey,
            secretKey: kling.secretKey,
            baseURL: kling.baseURL,
            timeouts,
          },
        },
      ],
    }),
  );
  const gateway = await startTestGateway({
    env: { REELAY_SANDBOX: '0', REELAY_CONFIG: configFile },
    configure: (config) => {
      // Long enough for any healthy job on a loaded machine; short enough that an abandoned one ends in the run.
      config.jobDeadlineMs = 30_000;
      // A first poll far away leaves provider webhooks as the only way a job can end.
      if (options.firstPollMs !== undefined) {
        const at = options.firstPollMs;
        config.pollBackoff = { initialMs: at, maxMs: at, factor: 1, jitter: 0 };
      }
    },
  });

  const providers: StormProvider[] = [
    {
      // Retired upstream, still routed: its outputs sit behind the key (`/content`), fetched as a stream.
      id: 'openai',
      model: 'openai/sora-2-pro',
      seconds: '4',
      simulator: openai,
      createRoute: /^POST \/v1\/videos$/,
      pollRoute: /^GET \/v1\/videos\/[^/]+$/,
      outputRoute: /^GET \/v1\/videos\/[^/]+\/content$/,
    },
    {
      id: 'fal',
      model: 'fal/veo-3.1',
      seconds: '4',
      simulator: fal,
      createRoute: /^POST \/(?!.*\/requests\/)/,
      pollRoute: /^GET \/.+\/requests\/[^/]+(\/status)?$/,
      outputRoute: 'GET /files/*',
    },
    {
      id: 'replicate',
      model: 'replicate/kling-3',
      seconds: '5',
      simulator: replicate,
      createRoute: /^POST \/v1\/(models\/[^/]+\/[^/]+\/)?predictions$/,
      pollRoute: /^GET \/v1\/predictions\/[^/]+$/,
      outputRoute: 'GET /files/*',
    },
    {
      id: 'runway',
      model: 'runway/runway-gen-4.5',
      seconds: '5',
      simulator: runway,
      createRoute: /^POST \/v1\/(text|image)_to_video$/,
      pollRoute: /^GET \/v1\/tasks\/[^/]+$/,
      outputRoute: 'GET /files/*',
    },
    {
      id: 'kling',
      model: 'kling/kling-3',
      seconds: '5',
      simulator: kling,
      createRoute: /^POST \/v1\/videos\/[\w-]+$/,
      pollRoute: /^GET \/v1\/videos\/[\w-]+\/[^/]+$/,
      outputRoute: 'GET /files/*',
    },
  ];

  return {
    gateway,
    providers,
    openai,
    fal,
    replicate,
    runway,
    kling,
    async close() {
      await gateway.stop();
      await Promise.all([openai.close(), fal.close(), replicate.close(), runway.close(), kling.close()]);
      await rm(configDir, { recursive: true, force: true });
    },
  };
}

/** The submissions a simulator acted on (made a job) for one prompt: a fault that answered in its place made none. */
export function submissionsOf(provider: StormProvider, prompt: string): number {
  return provider.simulator.requests.filter(
    (request) =>
      provider.createRoute.test(`${request.method} ${request.path}`) &&
      request.handled === true &&
      mentions(request, prompt),
  ).length;
}

function mentions(request: RecordedRequest, prompt: string): boolean {
  return request.rawBody.includes(prompt) || JSON.stringify(request.form ?? {}).includes(prompt);
}
