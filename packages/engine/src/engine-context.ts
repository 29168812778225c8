import type { BackoffOptions, PollResult, Registry } from '@reelay/core';
import type { Catalog } from '@reelay/pricing';
import type { SafeFetcher } from '@reelay/provider-utils';
import type { ImageLimits } from './images';
import type { Metrics } from './metrics/metrics';
import type { EngineLogger } from './observability/engine-logger';
import type { CircuitBreakers } from './router/circuit-breaker';
import type { RequestSecrets } from './secrets/request-secrets';
import type { OutputStore } from './storage';
import type { JobStore, LeaseStore } from './store';
import type { Scheduler } from './tracker/scheduler';
import type { VideoLimits } from './videos';
import type { WebhookSender } from './webhooks/webhook-sender';

export type EngineSettings = {
  dataDir: string;
  sandbox: boolean;
  retentionMs: number;
  jobDeadlineMs: number;
  /** How long after an interrupted submit started its provider is first asked about it. */
  submitSettleMs: number;
  backoff: BackoffOptions;
  imageLimits: ImageLimits;
  videoLimits: VideoLimits;
  trustedOrigins: string[];
  /** Prefix of `output.url`; empty for root-relative URLs. */
  publicBaseURL: string;
};

/** Everything the engine's parts share, built once by `createEngine`. */
export type EngineContext = {
  registry: Registry;
  catalog: Catalog;
  store: JobStore;
  /** Leases between instances sharing the store; `undefined` when this process owns it (SQLite). */
  leases: LeaseStore | undefined;
  files: OutputStore;
  breakers: CircuitBreakers;
  metrics: Metrics;
  /** Structured log lines: one per job event (see `logJob`). */
  log: EngineLogger;
  scheduler: Scheduler;
  safeFetcher: SafeFetcher;
  /** Outgoing `webhook_url` events. */
  webhooks: WebhookSender;
  /** Job states that arrived by provider webhook, taken by the job's next tracker step instead of a poll. */
  pushedResults: Map<string, PollResult>;
  /** Downloads in a row that found a finished job's video gone (404/410), by job; dropped when tracking ends. */
  outputsGone: Map<string, number>;
  /** Seals and blanks out the parameters plugins declare secret. */
  secrets: RequestSecrets;
  now: () => number;
  random: () => number;
  settings: EngineSettings;
};
