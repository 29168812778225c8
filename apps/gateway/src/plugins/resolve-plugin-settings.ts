import type { ProviderPlugin } from '@reelay/core';
import type { z } from 'zod';
import type { ConfigIssue } from '../settings/config-error';

/** A plugin as loaded, with the settings the config file gives it (if it is listed there). */
export type LoadedPlugin = {
  packageName: string;
  plugin: ProviderPlugin;
  /** Its entry in the config file's `plugins` list, if any. */
  fileEntry: { index: number; settings: Record<string, unknown> } | undefined;
};

export type ResolvedPluginSettings = {
  /** Validated settings; `undefined` when the plugin has no credential and is not listed in the config file. */
  settings: Record<string, unknown> | undefined;
  /** A credential came from the environment or the config file. */
  hasCredential: boolean;
  issues: ConfigIssue[];
  /** Why the plugin cannot run outside sandbox mode: listed in the file, but its credential is nowhere. */
  missingCredential: ConfigIssue | undefined;
};

type SettingContext = {
  env: Record<string, string | undefined>;
  configFile: string | undefined;
  publicUrl: string | undefined;
};

/**
 * A plugin's settings from its config-file entry (where `{ "env": "NAME" }` reads a variable) and the variables
 * the plugin declares (which win, as everywhere in the gateway), plus the webhook URL the gateway fills in.
 * Every problem names the variable or file path, the plugin and its setting.
 */
export function resolvePluginSettings(loaded: LoadedPlugin, context: SettingContext): ResolvedPluginSettings {
  const { plugin, packageName, fileEntry } = loaded;
  const filePrefix = `${context.configFile ?? 'REELAY_CONFIG'}: plugins[${fileEntry?.index ?? 0}].settings`;
  const issues: ConfigIssue[] = [];
  const sourceOf = new Map<string, string>();

  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fileEntry?.settings ?? {})) {
    const resolved = resolveEnvReferences(value, `${filePrefix}.${key}`, context.env, issues, packageName);
    if (resolved !== undefined) settings[key] = resolved;
    sourceOf.set(key, `${filePrefix}.${key}`);
  }
  for (const variable of plugin.env) {
    const value = nonEmpty(context.env[variable.name]);
    if (value === undefined) continue;
    settings[variable.setting] = value;
    sourceOf.set(variable.setting, variable.name);
  }

  // A plugin may take one of several credentials (Kling: an API key, or an access key pair); any one counts.
  const credentials = plugin.env.filter((variable) => variable.kind === 'credential');
  const credential = credentials[0];
  const hasCredential = credentials.some((variable) => settings[variable.setting] !== undefined);
  const listed = fileEntry !== undefined;
  const inUse = hasCredential || listed;
  const missingCredential =
    listed && credential !== undefined && !hasCredential
      ? {
          setting: `${filePrefix}.${credential.setting}`,
          message: `${packageName} needs its credential (${credential.description}): set ${credential.name}, or give settings.${credential.setting} (e.g. { "env": "${credential.name}" })`,
        }
      : undefined;

  const urlSetting = plugin.webhook?.urlSetting;
  if (
    inUse &&
    urlSetting !== undefined &&
    context.publicUrl !== undefined &&
    settings[urlSetting] === undefined
  ) {
    settings[urlSetting] = `${context.publicUrl}/v1/provider-webhooks/${plugin.id}`;
    sourceOf.set(urlSetting, 'REELAY_PUBLIC_URL');
  }

  // An unused plugin is still checked when something was set for it: a typo in FAL_QUEUE_BASE_URL should not
  // wait until the credential arrives to be reported.
  if (!inUse && Object.keys(settings).length === 0) {
    return { settings: undefined, hasCredential, issues, missingCredential };
  }
  const parsed = plugin.settingsSchema.safeParse(settings);
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((issue) => toIssue(issue, loaded, sourceOf, filePrefix)));
    return { settings: undefined, hasCredential, issues, missingCredential };
  }
  return {
    settings: inUse && issues.length === 0 ? (parsed.data as Record<string, unknown>) : undefined,
    hasCredential,
    issues,
    missingCredential,
  };
}

function resolveEnvReferences(
  value: unknown,
  path: string,
  env: Record<string, string | undefined>,
  issues: ConfigIssue[],
  packageName: string,
): unknown {
  if (Array.isArray(value))
    return value.map((item, index) =>
      resolveEnvReferences(item, `${path}[${index}]`, env, issues, packageName),
    );
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === 'env') {
    const name = entries[0][1];
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      issues.push({
        setting: path,
        message: `{ "env": … } must name an environment variable (plugin ${packageName})`,
      });
      return undefined;
    }
    const resolved = nonEmpty(env[name]);
    if (resolved === undefined)
      issues.push({
        setting: path,
        message: `environment variable ${name} is not set (plugin ${packageName}); set it or remove the setting`,
      });
    return resolved;
  }
  return Object.fromEntries(
    entries.map(([key, item]) => [
      key,
      resolveEnvReferences(item, `${path}.${key}`, env, issues, packageName),
    ]),
  );
}

function toIssue(
  issue: z.core.$ZodIssue,
  { packageName, plugin }: LoadedPlugin,
  sourceOf: Map<string, string>,
  filePrefix: string,
): ConfigIssue {
  const [first, ...rest] = issue.path.map(String);
  const settingPath = issue.path.map(String).join('.');
  const source = first === undefined ? undefined : sourceOf.get(first);
  // A variable fills a whole setting, so it is named alone; a file path is followed into nested settings.
  const setting =
    source === undefined
      ? `${filePrefix}${settingPath ? `.${settingPath}` : ''}`
      : source.includes(':')
        ? [source, ...rest].join('.')
        : source;
  if (issue.code === 'unrecognized_keys') {
    const accepted = Object.keys((plugin.settingsSchema as { shape?: object }).shape ?? {});
    return {
      setting,
      message: `unknown setting(s) ${issue.keys.map((key) => `'${key}'`).join(', ')} for plugin ${packageName}${accepted.length ? `; it accepts ${accepted.join(', ')}` : ''}`,
    };
  }
  return {
    setting,
    message: `${issue.message} (plugin ${packageName}, setting '${settingPath || '(root)'}')`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
