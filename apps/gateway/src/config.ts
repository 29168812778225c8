import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { BackoffOptions, ProviderPlugin } from '@reelay/core';
import type { CatalogOverrides } from '@reelay/pricing';
import type { z } from 'zod';
import type { LogLevel } from './logging/log-levels';
import { loadPlugins } from './plugins/load-plugins';
import { resolvePluginSettings } from './plugins/resolve-plugin-settings';
import { ConfigError, type ConfigIssue } from './settings/config-error';
import { type ConfigFile, configFileSchema } from './settings/config-file-schema';
import { envSchema, type GatewayEnv } from './settings/env-schema';
import type { ExtraOffering } from './settings/offering-schema';

/** The default job deadline in sandbox mode, where jobs take seconds. */
const SANDBOX_DEADLINE_MINUTES = 10;

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

/** A loaded provider plugin and, when it is in use outside sandbox mode, its validated settings. */
export type ConfiguredPlugin = {
  /** The npm package it was loaded from. */
  packageName: string;
  plugin: ProviderPlugin;
  /** Settings for `plugin.create`; `undefined` when the plugin has no credential (it is not used). */
  settings: Record<string, unknown> | undefined;
};

/** Everything the gateway needs to start, validated. Build it with `loadConfig`. */
export type GatewayConfig = {
  /** TCP port; `0` picks a free one. Env `PORT`, default 3000. */
  port: number;
  /** Address to bind. Env `HOST`, default `127.0.0.1`. Binding beyond loopback requires API keys. */
  host: string;
  /** Absolute path of the data directory (SQLite database, stored outputs). Env `REELAY_DATA_DIR`, default `./.reelay`. */
  dataDir: string;
  /** Postgres shared by every instance. Env `REELAY_DATABASE_URL`; unset: SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * Outputs and waiting input files in an S3-compatible bucket every instance shares. Env `REELAY_STORAGE_URL`
   * (`s3://bucket/prefix`) with the standard `AWS_REGION`, `AWS_ENDPOINT_URL_S3` (MinIO, R2: path-style),
   * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (unset: the AWS SDK's chain). Unset: `dataDir`.
   */
  storage: S3Storage | undefined;
  /** Whether to serve from the built-in simulators. */
  sandbox: boolean;
  /** Why sandbox is on or off, for the startup log. */
  sandboxReason: string;
  /**
   * Every loaded plugin (the built-in ones and the config file's), in load order. Outside sandbox mode, those
   * with `settings` are the providers used; in sandbox mode each plugin's simulator supplies its settings.
   */
  plugins: ConfiguredPlugin[];
  catalog: CatalogOverrides | undefined;
  extraOfferings: ExtraOffering[];
  /** Private-network origins the safe fetcher (and webhook_url deliveries) may reach, besides the providers' own. */
  allowPrivateOrigins: string[];
  /** The gateway's public URL, without a trailing slash. Env `REELAY_PUBLIC_URL`. */
  publicUrl: string | undefined;
  /** Signs the events sent to a request's `webhook_url`. Env `REELAY_WEBHOOK_SECRET`; default: kept in the data dir. */
  webhookSecret: string | undefined;
  /**
   * Encrypts secret parameters (`openai_api_key`) while a job keeps them. Env `REELAY_SECRET_KEY`; default: a key
   * kept in the data dir. Instances sharing one database must share it.
   */
  secretKey: string | undefined;
  retentionMs: number;
  jobDeadlineMs: number;
  /**
   * With instances sharing a Postgres database, the longest a dead instance's jobs wait to be taken over. Env
   * `REELAY_TAKEOVER_SECONDS`, default 30.
   */
  takeoverMs: number;
  pollBackoff: Partial<BackoffOptions> | undefined;
  providerRequestsPerSecond: number | undefined;
  submitSettleMs: number | undefined;
  maxBodyBytes: number;
  sandboxBehavior: { queueMs: number; runMs: number };
  /** Absolute path of the config file read, if any. */
  configFile: string | undefined;
  /** Least severe level written. Env `REELAY_LOG_LEVEL`, default `info` (`debug` adds prompts). */
  logLevel: LogLevel;
};

export type S3Storage = {
  url: string;
  region: string | undefined;
  endpoint: string | undefined;
  credentials:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
};

export type LoadConfigOptions = {
  /** Relative `REELAY_DATA_DIR` and `REELAY_CONFIG` resolve against this. Default `process.cwd()`. */
  cwd?: string;
};

/**
 * Reads the gateway configuration from environment variables and the optional `REELAY_CONFIG` JSON file, and
 * loads the provider plugins (the built-in ones and the file's `plugins`) with their settings. Throws
 * `ConfigError` naming every bad variable, file path or plugin at once.
 *
 * @example
 * const config = await loadConfig(process.env);
 */
export async function loadConfig(
  env: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): Promise<GatewayConfig> {
  const cwd = options.cwd ?? process.cwd();
  const parsedEnv = envSchema.safeParse(env);
  const issues = parsedEnv.success ? [] : toIssues(parsedEnv.error, '');
  const vars: GatewayEnv = parsedEnv.success ? parsedEnv.data : {};

  const configFile = vars.REELAY_CONFIG === undefined ? undefined : resolvePath(cwd, vars.REELAY_CONFIG);
  const file = configFile === undefined ? {} : readConfigFile(configFile);
  const publicUrl = vars.REELAY_PUBLIC_URL?.replace(/\/+$/, '');

  const loaded = await loadPlugins({
    references: file.plugins ?? [],
    searchDirs: [...new Set([...(configFile ? [dirname(configFile)] : []), cwd])],
    configFile,
  });
  issues.push(...loaded.issues);
  const resolved = loaded.plugins.map((plugin) => ({
    plugin,
    ...resolvePluginSettings(plugin, { env, configFile, publicUrl }),
  }));
  for (const { issues: pluginIssues } of resolved) issues.push(...pluginIssues);

  const storage = storageOf(vars, issues);
  const anyCredential = resolved.some(({ hasCredential }) => hasCredential);
  const sandbox = vars.REELAY_SANDBOX ?? !anyCredential;
  if (!sandbox) {
    for (const { missingCredential } of resolved) if (missingCredential) issues.push(missingCredential);
  }
  if (issues.length > 0) throw new ConfigError(issues);

  const credentialNames = loaded.plugins.flatMap(({ plugin }) =>
    plugin.env.filter((variable) => variable.kind === 'credential').map((variable) => variable.name),
  );
  const sandboxReason =
    vars.REELAY_SANDBOX === true
      ? 'REELAY_SANDBOX=1'
      : vars.REELAY_SANDBOX === false
        ? 'REELAY_SANDBOX=0'
        : anyCredential
          ? 'provider credentials are set'
          : `no ${listWithOr(credentialNames) || 'provider credential'} is set`;

  const retentionHours = vars.REELAY_RETENTION_HOURS ?? file.retentionHours ?? 24 * 7;
  // A simulator answers in seconds: a sandbox job still unfinished after minutes never will (its simulator's
  // state is gone, or a plugin's stored operation points where nothing answers), so it fails sooner.
  const deadlineMinutes =
    vars.REELAY_JOB_DEADLINE_MINUTES ?? file.jobDeadlineMinutes ?? (sandbox ? SANDBOX_DEADLINE_MINUTES : 60);
  return {
    port: vars.PORT ?? DEFAULT_PORT,
    host: vars.HOST ?? DEFAULT_HOST,
    dataDir: resolvePath(cwd, vars.REELAY_DATA_DIR ?? '.reelay'),
    databaseUrl: vars.REELAY_DATABASE_URL,
    storage,
    sandbox,
    sandboxReason,
    plugins: resolved.map(({ plugin, settings }) => ({
      packageName: plugin.packageName,
      plugin: plugin.plugin,
      settings: sandbox ? undefined : settings,
    })),
    catalog: file.catalog,
    extraOfferings: file.offerings ?? [],
    allowPrivateOrigins: [
      ...(file.allowPrivateOrigins ?? []),
      ...(vars.REELAY_ALLOW_PRIVATE_ORIGINS ?? []),
    ].map((url) => new URL(url).origin),
    publicUrl,
    webhookSecret: vars.REELAY_WEBHOOK_SECRET,
    secretKey: vars.REELAY_SECRET_KEY,
    retentionMs: retentionHours * 3_600_000,
    jobDeadlineMs: deadlineMinutes * 60_000,
    takeoverMs: (vars.REELAY_TAKEOVER_SECONDS ?? 30) * 1000,
    pollBackoff: file.pollBackoff,
    providerRequestsPerSecond: file.providerRequestsPerSecond,
    submitSettleMs: file.submitSettleMs,
    maxBodyBytes: file.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    sandboxBehavior: { queueMs: file.sandbox?.queueMs ?? 500, runMs: file.sandbox?.runMs ?? 3000 },
    configFile,
    logLevel: vars.REELAY_LOG_LEVEL ?? 'info',
  };
}

function storageOf(vars: GatewayEnv, issues: ConfigIssue[]): S3Storage | undefined {
  if (vars.REELAY_STORAGE_URL === undefined) return undefined;
  const accessKeyId = vars.AWS_ACCESS_KEY_ID;
  const secretAccessKey = vars.AWS_SECRET_ACCESS_KEY;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    issues.push({
      setting: accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY',
      message:
        'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY together (or neither, to use the AWS SDK chain)',
    });
  }
  return {
    url: vars.REELAY_STORAGE_URL,
    region: vars.AWS_REGION,
    endpoint: vars.AWS_ENDPOINT_URL_S3,
    credentials:
      accessKeyId !== undefined && secretAccessKey !== undefined
        ? { accessKeyId, secretAccessKey, sessionToken: vars.AWS_SESSION_TOKEN }
        : undefined,
  };
}

/** `A, B or C`. */
export function listWithOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
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

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
