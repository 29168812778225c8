import { defaultPollBackoff } from '@reelay/core';
import { createSafeFetcher } from '@reelay/provider-utils';
import type { EngineContext } from './engine-context';
import type { CreateVideoResult, Engine, EngineOptions } from './engine-types';
import { defaultImageLimits } from './images';
import { createVideo, type InFlightCreates } from './jobs/create-video';
import { deleteVideo } from './jobs/delete-video';
import { dryRun } from './jobs/dry-run';
import { listVideos } from './jobs/list-videos';
import { openContent } from './jobs/open-content';
import { remixVideo } from './jobs/remix-video';
import { resumeJobs } from './jobs/resume-jobs';
import { sweepExpired } from './jobs/sweep-expired';
import { liveChildren, visibleJob } from './jobs/visible-job';
import { createApiKeys } from './keys/api-keys';
import { createMetrics } from './metrics/metrics';
import { silentLogger } from './observability/engine-logger';
import { logWebhookAttempt } from './observability/webhook-log';
import { createCircuitBreakers, defaultCircuitBreakerOptions } from './router/circuit-breaker';
import { lazySecretBox } from './secrets/secret-box';
import { isSecretKey, loadSecretKey, MIN_SECRET_KEY_LENGTH } from './secrets/secret-key';
import { createDiskOutputStore } from './storage';
import { openSqliteStores } from './store';
import { createInstanceLeases } from './tracker/instance-leases';
import { pollJob } from './tracker/poll-job';
import { createScheduler } from './tracker/scheduler';
import { buildUsageReport } from './usage';
import { defaultVideoLimits } from './videos';
import { getModelCard, listModelCards } from './view/model-cards';
import { toVideoObject } from './view/video-object';
import { receiveProviderWebhook } from './webhooks/receive-provider-webhook';
import { isWebhookSecret, loadWebhookSecret } from './webhooks/webhook-secret';
import { createWebhookSender } from './webhooks/webhook-sender';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The durable core of the gateway: jobs in a store (SQLite in `dataDir` unless `stores` is given), routing with
 * fallback, tracking, stored outputs.
 *
 * @example
 * const catalog = loadCatalog();
 * const registry = createRegistry({ providers: [createFal()], catalog: catalog.models });
 * const engine = createEngine({ registry, catalog, dataDir: './.reelay', sandbox: false, trustedOrigins: [] });
 * engine.start();
 * const { video } = await engine.createVideo({ model: 'veo-3.1', prompt: 'a fox' }, { apiKeyId: null });
 */
export function createEngine(options: EngineOptions): Engine {
  const now = options.now ?? Date.now;
  if (options.webhookSecret !== undefined && !isWebhookSecret(options.webhookSecret)) {
    throw new TypeError(
      "webhookSecret must be 'whsec_' followed by at least 16 bytes of base64, e.g. whsec_ + `openssl rand -base64 32`.",
    );
  }
  const webhookSecret = options.webhookSecret ?? loadWebhookSecret(options.dataDir).secret;
  if (options.secretKey !== undefined && !isSecretKey(options.secretKey)) {
    throw new TypeError(
      `secretKey (REELAY_SECRET_KEY) must be at least ${MIN_SECRET_KEY_LENGTH} characters, e.g. \`openssl rand -base64 32\`.`,
    );
  }
  const stores =
    options.stores ?? openSqliteStores(options.dataDir, { durable: options.durableCommits === true, now });
  const retentionMs = options.retentionMs ?? 7 * DAY;
  const idempotencyTtlMs = options.idempotencyTtlMs ?? DAY;
  const inFlight: InFlightCreates = new Map();
  const work = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    work.add(promise);
    void promise.then(
      () => work.delete(promise),
      () => work.delete(promise),
    );
    return promise;
  };

  const safeFetcher = options.safeFetcher ?? createSafeFetcher({ trustedOrigins: options.trustedOrigins });
  const requestsPerSecond = options.providerRequestsPerSecond ?? 10;
  const takeoverMs = options.takeoverMs ?? 30_000;
  const ctx: EngineContext = {
    registry: options.registry,
    catalog: options.catalog,
    store: stores.jobs,
    leases: stores.leases,
    files:
      options.outputStore ??
      createDiskOutputStore(options.dataDir, { maxOutputBytes: options.maxOutputBytes ?? 4 * 1024 ** 3 }),
    breakers: createCircuitBreakers({ ...defaultCircuitBreakerOptions, ...options.circuitBreaker }, now),
    metrics: createMetrics(),
    log: options.logger ?? silentLogger,
    scheduler: createScheduler({
      requestsPerSecond,
      maxConcurrent: options.maxConcurrentPolls ?? 64,
      now,
      run: (id) => pollJob(ctx, id),
    }),
    safeFetcher,
    webhooks: createWebhookSender({
      deliveries: stores.deliveries,
      fetcher: safeFetcher,
      secret: webhookSecret,
      now,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [5_000, 15_000, 45_000],
      timeoutMs: options.webhookTimeoutMs ?? 30_000,
      // Other instances add deliveries too (and may die before sending them): look for due ones regularly.
      ...(stores.leases ? { peekMs: Math.max(50, Math.floor(takeoverMs / 6)) } : {}),
      onAttempt: (attempt) => {
        ctx.metrics.webhookAttempts({ outcome: attempt.outcome });
        void logWebhookAttempt(ctx, attempt);
      },
    }),
    pushedResults: new Map(),
    outputsGone: new Map(),
    secrets: {
      box: lazySecretBox(() => options.secretKey ?? loadSecretKey(options.dataDir)),
      names: options.registry.secretParameters,
    },
    now,
    random: options.random ?? Math.random,
    settings: {
      dataDir: options.dataDir,
      sandbox: options.sandbox,
      retentionMs,
      jobDeadlineMs: options.jobDeadlineMs ?? 60 * 60 * 1000,
      submitSettleMs: options.submitSettleMs ?? 30_000,
      backoff: { ...defaultPollBackoff, ...options.pollBackoff },
      imageLimits: { ...defaultImageLimits, maxBytes: options.maxImageBytes ?? defaultImageLimits.maxBytes },
      videoLimits: { ...defaultVideoLimits, maxBytes: options.maxVideoBytes ?? defaultVideoLimits.maxBytes },
      trustedOrigins: options.trustedOrigins,
      publicBaseURL: (options.publicBaseURL ?? '').replace(/\/+$/, ''),
    },
  };
  ctx.metrics.gauge('reelay_jobs_tracked', 'Unfinished jobs the tracker polls, by provider.', () =>
    ctx.scheduler.perProvider().map(([provider, count]) => [{ provider }, count]),
  );
  ctx.metrics.gauge(
    'reelay_circuit_open',
    '1 when the provider circuit is open, 0.5 half-open, else 0.',
    () =>
      [...options.registry.providers.keys()].map((provider) => {
        const state = ctx.breakers.state(provider);
        return [{ provider }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0];
      }),
  );

  const instanceLeases =
    stores.leases &&
    createInstanceLeases({
      leases: stores.leases,
      scheduler: ctx.scheduler,
      takeoverMs,
      requestsPerSecond,
      now,
      log: ctx.log,
      resume: (jobs) => track(resumeJobs(ctx, jobs)),
    });

  const apiKeys = createApiKeys(stores.apiKeys, now);
  let started = false;
  let stopped = false;
  let sweeper: NodeJS.Timeout | undefined;
  const sweep = () => track(sweepExpired(ctx, idempotencyTtlMs)).catch(() => undefined);

  return {
    createVideo: (request, context): Promise<CreateVideoResult> =>
      track(createVideo(ctx, inFlight, request, context)),
    dryRun: (request, context) => dryRun(ctx, request, context),
    async getVideo(id, context) {
      const job = await visibleJob(ctx, id, context);
      return toVideoObject(ctx.settings, job, await liveChildren(ctx, job));
    },
    listVideos: (context, query) => listVideos(ctx, context, query),
    deleteVideo: (id, context) => track(deleteVideo(ctx, id, context)),
    remixVideo: (id, prompt, context) => track(remixVideo(ctx, id, prompt, context)),
    openContent: (id, variant, context) => openContent(ctx, id, variant, context),
    receiveProviderWebhook: (providerId, request) => receiveProviderWebhook(ctx, providerId, request),
    listModels: () => listModelCards(options.registry, options.catalog),
    getModel: (id) => getModelCard(options.registry, options.catalog, id),
    health: () => ({
      providers: [...options.registry.providers.keys()].map((id) => ({
        id,
        state: ctx.breakers.state(id),
        consecutiveFailures: ctx.breakers.consecutiveFailures(id),
      })),
      instance: instanceLeases?.health(),
    }),
    metricsText: () => ctx.metrics.text(),
    // An admin key, and whoever reaches a gateway that has no keys (it then serves loopback clients only), see
    // every key's jobs; any other key sees its own, as it sees only its own videos.
    usage: (query, context) =>
      buildUsageReport(
        { store: ctx.store, apiKeys, now },
        query,
        context.key?.scope === 'admin' ? undefined : (context.apiKeyId ?? undefined),
      ),
    apiKeys,
    start() {
      if (started || stopped) return;
      started = true;
      ctx.scheduler.start();
      ctx.webhooks.start();
      // Alone on its store, every unfinished job is this process's; sharing it, only those without a live owner.
      if (instanceLeases) void track(instanceLeases.start()).catch(() => undefined);
      else void track(resumeJobs(ctx)).catch(() => undefined);
      void sweep();
      const interval = Math.max(1000, Math.min(options.sweepIntervalMs ?? 10 * 60 * 1000, retentionMs));
      sweeper = setInterval(sweep, interval);
      sweeper.unref();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      await instanceLeases?.stopTakingOver();
      await ctx.scheduler.stop();
      while (work.size > 0) await Promise.allSettled([...work]);
      await ctx.scheduler.stop();
      // Only now, with nothing of ours running: the other instances take the jobs over at their next scan.
      await instanceLeases?.release();
      await ctx.webhooks.stop();
      if (!options.safeFetcher) await ctx.safeFetcher.close();
      await stores.close();
      await ctx.files.close();
    },
  };
}
