import type {
  BackoffOptions,
  CreateVideoRequest,
  Deprecation,
  DryRunResult,
  ModelCard,
  Registry,
  VideoList,
  VideoObject,
  WebhookRequest,
} from '@reelay/core';
import type { Catalog } from '@reelay/pricing';
import type { SafeFetcher } from '@reelay/provider-utils';
import type { ApiKeyGrant, ApiKeys } from './keys/api-keys';
import type { EngineLogger } from './observability/engine-logger';
import type { CircuitBreakerOptions, CircuitState } from './router/circuit-breaker';
import type { ByteRange, OutputStore } from './storage';
import type { Stores } from './store';
import type { InstanceHealth } from './tracker/instance-leases';
import type { UsageReport, UsageReportQuery } from './usage';

/** A stored output file: its size and type, and a stream of its bytes (whole, or one inclusive range). */
export type StoredContent = {
  size: number;
  contentType: string;
  open(range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
};

export type EngineOptions = {
  /** `createRegistry({ providers, catalog: catalog.models })` from `@reelay/core`. */
  registry: Registry;
  /** `loadCatalog(overrides)` from `@reelay/pricing`. */
  catalog: Catalog;
  /** Where `reelay.db` (unless `stores` is given), `outputs/` and `inputs/` live. Created if missing. */
  dataDir: string;
  /** The job, delivery and API key stores. Default: SQLite in `dataDir`. The engine closes them on `stop()`. */
  stores?: Stores;
  /** Every video object says `metadata.sandbox`. */
  sandbox: boolean;
  /** Provider base URLs and allow-listed origins: fetched without the private-address checks. */
  trustedOrigins: string[];
  /** How long stored outputs are kept after completion; `expires_at` says when. Default 7 days. */
  retentionMs?: number;
  /** A job still running this long after creation is cancelled upstream and failed. Default 60 min. */
  jobDeadlineMs?: number;
  /** Poll backoff; tests use tiny values. Default: core's `defaultPollBackoff` (1 s → 15 s, ×1.5, ±20 %). */
  pollBackoff?: Partial<BackoffOptions>;
  /**
   * Poll budget per provider, requests per second. Default 10. With several instances on one database it is the
   * budget of them all: each takes an equal share, from the live count its heartbeat reads.
   */
  providerRequestsPerSecond?: number;
  /**
   * After a restart, how long after an interrupted submit started its provider is first asked about it: a
   * create request still being handled when the process died may not be listed yet. Default 30 s.
   */
  submitSettleMs?: number;
  /**
   * With several instances on one database: the longest the jobs of an instance that died wait before another
   * instance takes them over (`REELAY_TAKEOVER_SECONDS` in the gateway). Heartbeats run every sixth of it, and an
   * instance silent for half of it counts as dead. Default 30 s.
   */
  takeoverMs?: number;
  /** Millisecond clock. Default `Date.now`. */
  now?: () => number;
  /** Polls running at once across providers. Default 64. */
  maxConcurrentPolls?: number;
  /** Prefix for `output.url` (`https://reelay.example.com`). Default: root-relative (`/v1/videos/…`). */
  publicBaseURL?: string;
  /** Largest accepted input image (`input_reference`, `last_frame`, each reference image), bytes. Default 20 MiB. */
  maxImageBytes?: number;
  /** Largest accepted source video of an extend or edit, bytes. Default 100 MiB. */
  maxVideoBytes?: number;
  /** Largest stored output, bytes. Default 4 GiB. Ignored when `outputStore` is given (it has its own). */
  maxOutputBytes?: number;
  /**
   * Where outputs and waiting input files are kept: `createS3OutputStore(…)` for a bucket every instance shares.
   * Default: `createDiskOutputStore(dataDir)`. The engine closes it on `stop()`.
   */
  outputStore?: OutputStore;
  /** Circuit breaker per provider. Default: open after 5 consecutive failures, half-open after 30 s. */
  circuitBreaker?: Partial<CircuitBreakerOptions>;
  /** How long an Idempotency-Key is remembered. Default 24 h. */
  idempotencyTtlMs?: number;
  /** How often expired outputs are removed. Default 10 min (or the retention, if shorter). */
  sweepIntervalMs?: number;
  /** Randomness for poll jitter (0 ≤ r < 1). Default `Math.random`. */
  random?: () => number;
  /**
   * fsync every SQLite commit. Default false: commits still reach the WAL before each upstream call, which
   * survives the process being killed; this adds survival of an OS crash or power cut, at a latency cost.
   */
  durableCommits?: boolean;
  /** The guard for user-supplied URLs. Default `createSafeFetcher({ trustedOrigins })`. */
  safeFetcher?: SafeFetcher;
  /**
   * Signs the events sent to a request's `webhook_url` (`whsec_<base64>`, Standard Webhooks). Default: one
   * generated on first start and kept in `${dataDir}/webhook-secret` (see `loadWebhookSecret`).
   */
  webhookSecret?: string;
  /** Delays before each retry of a failed webhook delivery. Default 5 s, 15 s, 45 s (three retries). */
  webhookRetryDelaysMs?: number[];
  /** Longest one webhook delivery attempt may take. Default 30 s. */
  webhookTimeoutMs?: number;
  /**
   * Encrypts secret parameters (`openai_api_key`) for the time a job keeps them (`REELAY_SECRET_KEY`, at least
   * 32 characters). Default: a key generated on first need and kept in `${dataDir}/secret-key`. Instances that
   * share one database must share this key.
   */
  secretKey?: string;
  /** Receives one line per job and webhook event (a pino logger fits). Default: nothing is logged. */
  logger?: EngineLogger;
};

/**
 * Who is asking: the verified API key id (`null` when the gateway runs open), the Idempotency-Key header, and
 * the request's id (`X-Request-Id`), which is stored on the jobs it creates and carried by their log lines.
 */
export type RequestContext = {
  apiKeyId: string | null;
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  /**
   * The verified key's scope and limits (the gateway's auth sets it from `apiKeys.verify`). Without it a key is
   * a `project` key; budgets are enforced either way, read by the store in the transaction of each create.
   */
  key?: ApiKeyGrant | undefined;
};

export type { InstanceHealth };

export type ProviderHealth = { id: string; state: CircuitState; consecutiveFailures: number };

/** What a provider webhook delivery led to. */
export type ProviderWebhookResult = {
  /**
   * - `accepted`: it carried the job's state, which the tracker applies now in place of a poll;
   * - `poll_scheduled`: it named the job only (OpenAI), so the job is polled now;
   * - `ignored`: an event with nothing to act on;
   * - `unknown_job`: no job has that upstream id (another gateway's, or one still being submitted);
   * - `already_final`: the job already ended or was deleted (a repeat).
   */
  outcome: 'accepted' | 'poll_scheduled' | 'ignored' | 'unknown_job' | 'already_final';
  provider: string;
  upstreamId: string | null;
  videoId: string | null;
};

export type CreateVideoResult = {
  video: VideoObject;
  replayed: boolean;
  deprecation: Deprecation | undefined;
};

export type Engine = {
  /** Validates, routes, stores and submits. Throws Reelay errors (400/404/409/502) in OpenAI's shape. */
  createVideo(request: CreateVideoRequest, context: RequestContext): Promise<CreateVideoResult>;
  /** The route, normalization and price, with nothing stored or submitted. */
  dryRun(request: CreateVideoRequest, context: RequestContext): Promise<DryRunResult>;
  getVideo(id: string, context: RequestContext): Promise<VideoObject>;
  listVideos(
    context: RequestContext,
    query: { after?: string | undefined; limit?: number | undefined; order?: 'asc' | 'desc' | undefined },
  ): Promise<VideoList>;
  deleteVideo(
    id: string,
    context: RequestContext,
  ): Promise<{ id: string; object: 'video.deleted'; deleted: true }>;
  remixVideo(id: string, prompt: string, context: RequestContext): Promise<VideoObject>;
  /** The stored file of one output variant, for the gateway to serve (with Range). */
  openContent(
    id: string,
    variant: 'video' | 'thumbnail' | 'spritesheet',
    context: RequestContext,
  ): Promise<StoredContent>;
  /**
   * Takes a provider's webhook delivery (`POST /v1/provider-webhooks/:provider` in the gateway). The plugin's
   * `parseWebhook` verifies it: a bad signature throws a 401 `invalid_webhook_signature`, an unknown provider
   * a 404. Polling stays the fallback, so a lost delivery only delays a job.
   */
  receiveProviderWebhook(providerId: string, request: WebhookRequest): Promise<ProviderWebhookResult>;
  listModels(): ModelCard[];
  getModel(id: string): ModelCard;
  /** Provider circuits (this instance's view), and with a shared database this instance's lease status. */
  health(): { providers: ProviderHealth[]; instance: InstanceHealth | undefined };
  /** Prometheus text exposition. */
  metricsText(): string;
  /**
   * Spend, requests, videos, seconds and failures of the jobs created in a time range, grouped by any of day,
   * key, model and provider. A `context` with an API key sees that key's jobs only; without one (a gateway that
   * has no keys, or an operator's command) every key's. Throws a 400 when `start` is not before `end`.
   */
  usage(query: UsageReportQuery, context: RequestContext): Promise<UsageReport>;
  apiKeys: ApiKeys;
  /** Resumes every unfinished job and starts the tracker and the retention sweeper. */
  start(): void;
  /** Stops the tracker, waits for running work, closes the stores. */
  stop(): Promise<void>;
};
