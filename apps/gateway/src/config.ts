import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { BackoffOptions } from '@reelay/core';
import type { CatalogOverrides } from '@reelay/pricing';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './settings/config-error';
import { type ConfigFile, configFileSchema } from './settings/config-file-schema';
import { envSchema } from './settings/env-schema';
import type { ExtraOffering } from './settings/offering-schema';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

/** A provider the gateway talks to: its credential, where to send it, and how its webhooks reach the gateway. */
export type ProviderConnection = {
  apiKey: string;
  baseURL: string;
  /** Verifies the provider's Standard Webhooks deliveries (OpenAI, Replicate). */
  webhookSecret?: string;
  /** Where the provider should POST when a job ends, for providers that take it per request (fal, Replicate). */
  webhookUrl?: string;
  /** fal's webhook signing keys, when not fal's own (the sandbox simulator's). */
  jwksUrl?: string;
};

/** Everything the gateway needs to start, validated. Build it with `loadConfig`. */
export type GatewayConfig = {
  /** TCP port; `0` picks a free one. Env `PORT`, default 3000. */
  port: number;
  /** Address to bind. Env `HOST`, default `127.0.0.1`. Binding beyond loopback requires API keys. */
  host: string;
  /** Absolute path of the data directory (SQLite database, stored outputs). Env `REELAY_DATA_DIR`, default `./.reelay`. */
  dataDir: string;
  /** Whether to serve from the built-in simulators. */
  sandbox: boolean;
  /** Why sandbox is on or off, for the startup log. */
  sandboxReason: string;
  /** Providers with a credential set, by id. Empty in sandbox mode (the simulators supply their own). */
  providers: { openai?: ProviderConnection; fal?: ProviderConnection; replicate?: ProviderConnection };
  catalog: CatalogOverrides | undefined;
  extraOfferings: ExtraOffering[];
  /** Private-network origins the safe fetcher (and webhook_url deliveries) may reach, besides the providers' own. */
  allowPrivateOrigins: string[];
  /** The gateway's public URL, without a trailing slash. Env `REELAY_PUBLIC_URL`. */
  publicUrl: string | undefined;
  /** Signs the events sent to a request's `webhook_url`. Env `REELAY_WEBHOOK_SECRET`; default: kept in the data dir. */
  webhookSecret: string | undefined;
  retentionMs: number;
  jobDeadlineMs: number;
  pollBackoff: Partial<BackoffOptions> | undefined;
  providerRequestsPerSecond: number | undefined;
  maxBodyBytes: number;
  sandboxBehavior: { queueMs: number; runMs: number };
  /** Absolute path of the config file read, if any. */
  configFile: string | undefined;
};

export type LoadConfigOptions = {
  /** Relative `REELAY_DATA_DIR` and `REELAY_CONFIG` resolve against this. Default `process.cwd()`. */
  cwd?: string;
};

const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  fal: 'https://queue.fal.run',
  replicate: 'https://api.replicate.com/v1',
} as const;

/**
 * Reads the gateway configuration from environment variables and the optional `REELAY_CONFIG` JSON file.
 * Throws `ConfigError` naming every bad variable or file path at once.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): GatewayConfig {
  const cwd = options.cwd ?? process.cwd();
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) throw new ConfigError(toIssues(parsedEnv.error, ''));
  const vars = parsedEnv.data;

  const configFile = vars.REELAY_CONFIG === undefined ? undefined : resolvePath(cwd, vars.REELAY_CONFIG);
  const file = configFile === undefined ? {} : readConfigFile(configFile);

  const credentials = {
    openai: vars.OPENAI_API_KEY,
    fal: vars.FAL_KEY,
    replicate: vars.REPLICATE_API_TOKEN,
  };
  const anyCredential = Object.values(credentials).some((key) => key !== undefined);
  const sandbox = vars.REELAY_SANDBOX ?? !anyCredential;
  const sandboxReason =
    vars.REELAY_SANDBOX === true
      ? 'REELAY_SANDBOX=1'
      : vars.REELAY_SANDBOX === false
        ? 'REELAY_SANDBOX=0'
        : anyCredential
          ? 'provider credentials are set'
          : 'no OPENAI_API_KEY, FAL_KEY or REPLICATE_API_TOKEN is set';

  const baseURLs = {
    openai: vars.OPENAI_BASE_URL ?? DEFAULT_BASE_URLS.openai,
    fal: vars.FAL_QUEUE_BASE_URL ?? DEFAULT_BASE_URLS.fal,
    replicate: vars.REPLICATE_BASE_URL ?? DEFAULT_BASE_URLS.replicate,
  };
  const publicUrl = vars.REELAY_PUBLIC_URL?.replace(/\/+$/, '');
  const webhooks: Record<keyof typeof credentials, Partial<ProviderConnection>> = {
    openai: { webhookSecret: vars.OPENAI_WEBHOOK_SECRET },
    fal: { webhookUrl: publicUrl && `${publicUrl}/v1/provider-webhooks/fal` },
    replicate: {
      webhookSecret: vars.REPLICATE_WEBHOOK_SECRET,
      webhookUrl: publicUrl && `${publicUrl}/v1/provider-webhooks/replicate`,
    },
  };
  const providers: GatewayConfig['providers'] = {};
  if (!sandbox) {
    for (const id of ['openai', 'fal', 'replicate'] as const) {
      const apiKey = credentials[id];
      if (apiKey !== undefined)
        providers[id] = withoutUndefined({ apiKey, baseURL: baseURLs[id], ...webhooks[id] });
    }
  }

  const retentionHours = vars.REELAY_RETENTION_HOURS ?? file.retentionHours ?? 24 * 7;
  const deadlineMinutes = vars.REELAY_JOB_DEADLINE_MINUTES ?? file.jobDeadlineMinutes ?? 60;
  return {
    port: vars.PORT ?? DEFAULT_PORT,
    host: vars.HOST ?? DEFAULT_HOST,
    dataDir: resolvePath(cwd, vars.REELAY_DATA_DIR ?? '.reelay'),
    sandbox,
    sandboxReason,
    providers,
    catalog: file.catalog,
    extraOfferings: file.offerings ?? [],
    allowPrivateOrigins: [
      ...(file.allowPrivateOrigins ?? []),
      ...(vars.REELAY_ALLOW_PRIVATE_ORIGINS ?? []),
    ].map((url) => new URL(url).origin),
    publicUrl,
    webhookSecret: vars.REELAY_WEBHOOK_SECRET,
    retentionMs: retentionHours * 3_600_000,
    jobDeadlineMs: deadlineMinutes * 60_000,
    pollBackoff: file.pollBackoff,
    providerRequestsPerSecond: file.providerRequestsPerSecond,
    maxBodyBytes: file.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    sandboxBehavior: { queueMs: file.sandbox?.queueMs ?? 500, runMs: file.sandbox?.runMs ?? 3000 },
    configFile,
  };
}

/** Loopback addresses: the only ones the gateway may bind without API keys. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/^::ffff:/, '');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([{ setting: 'REELAY_CONFIG', message: `cannot read ${path} (${reason})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([
      { setting: 'REELAY_CONFIG', message: `${path} is not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(toIssues(parsed.error, `${path}: `), `Invalid config file ${path}`);
  return parsed.data;
}

function toIssues(error: z.ZodError, prefix: string): ConfigIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((segment, index) =>
        typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
      )
      .join('');
    const setting = `${prefix}${path}`;
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown setting(s) ${issue.keys.map((key) => `'${key}'`).join(', ')}`
        : issue.message;
    return { setting: setting === prefix ? `${prefix}(root)` : setting, message };
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
