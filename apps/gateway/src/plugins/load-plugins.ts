import type { ConfigIssue } from '../settings/config-error';
import defaultPluginPackages from './default-plugins.json' with { type: 'json' };
import { importPluginPackage } from './import-plugin-package';
import { readPluginDescriptor } from './plugin-descriptor-schema';
import type { LoadedPlugin } from './resolve-plugin-settings';

/** A config file's `plugins` entry. */
export type PluginReference = { package: string; settings?: Record<string, unknown> | undefined };

/** The plugins the gateway loads when the config file names none of them: the built-in providers. */
export const DEFAULT_PLUGIN_PACKAGES: readonly string[] = defaultPluginPackages;

/**
 * Imports the default plugins and the config file's, by package name, and checks each descriptor. A listed
 * plugin with the id of a default one replaces it (its settings, or another version of it). Every problem is
 * one issue naming the package and what to do.
 */
export async function loadPlugins(options: {
  references: PluginReference[];
  searchDirs: string[];
  configFile: string | undefined;
}): Promise<{ plugins: LoadedPlugin[]; issues: ConfigIssue[] }> {
  const issues: ConfigIssue[] = [];
  const filePrefix = `${options.configFile ?? 'REELAY_CONFIG'}: `;
  const requested = [
    ...DEFAULT_PLUGIN_PACKAGES.map((packageName) => ({
      packageName,
      fileEntry: undefined,
      setting: 'default plugins',
    })),
    ...options.references.map((reference, index) => ({
      packageName: reference.package,
      fileEntry: { index, settings: reference.settings ?? {} },
      setting: `${filePrefix}plugins[${index}].package`,
    })),
  ];
  const loaded = await Promise.all(
    requested.map(async ({ packageName, fileEntry, setting }) => {
      try {
        const imported = await importPluginPackage(packageName, options.searchDirs);
        if (!imported.found) {
          issues.push({
            setting,
            message: `cannot find plugin package ${packageName} (looked beside the gateway and under ${imported.lookedIn.join(', ')}); install it there (npm install ${packageName}) or fix the name`,
          });
          return undefined;
        }
        const read = readPluginDescriptor(imported.module);
        if ('problem' in read) {
          issues.push({ setting, message: `plugin ${packageName} ${read.problem}` });
          return undefined;
        }
        return { packageName, plugin: read.plugin, fileEntry } satisfies LoadedPlugin;
      } catch (error) {
        issues.push({
          setting,
          message: `plugin ${packageName} failed to load: ${firstLine(error)}; reinstall it, or check that its dependencies are installed`,
        });
        return undefined;
      }
    }),
  );

  const plugins: LoadedPlugin[] = [];
  for (const candidate of loaded) {
    if (candidate === undefined) continue;
    const existing = plugins.findIndex((plugin) => plugin.plugin.id === candidate.plugin.id);
    if (existing === -1) plugins.push(candidate);
    else if (plugins[existing]?.fileEntry === undefined) plugins[existing] = candidate;
    else {
      issues.push({
        setting: `${filePrefix}plugins[${candidate.fileEntry?.index ?? 0}].package`,
        message: `plugin ${candidate.packageName} has the id '${candidate.plugin.id}', already taken by ${plugins[existing]?.packageName}; list each provider once`,
      });
    }
  }
  return { plugins, issues };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
