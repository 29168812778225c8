import { PROVIDER_PLUGIN_SPECIFICATION_VERSION, type ProviderPlugin } from '@reelay/core';
import { z } from 'zod';

const isFunction = (value: unknown) => typeof value === 'function';

/**
 * The shape a loaded `plugin` export must have before the gateway calls anything on it. The version is checked
 * first and on its own, so a plugin built for another contract gets that message rather than a list of
 * missing fields.
 */
export const pluginDescriptorSchema = z.looseObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  version: z.string().min(1),
  settingsSchema: z.custom<z.ZodType>(
    (value) => isFunction((value as { safeParse?: unknown } | null)?.safeParse),
    'must be a zod schema',
  ),
  env: z.array(
    z.looseObject({
      name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an upper-case environment variable name'),
      setting: z.string().min(1),
      kind: z.enum(['credential', 'base-url', 'webhook-secret', 'setting']),
      description: z.string(),
    }),
  ),
  create: z.custom<ProviderPlugin['create']>(isFunction, 'must be a function'),
  sandbox: z.custom<ProviderPlugin['sandbox']>(isFunction, 'must be a function').optional(),
  webhook: z.looseObject({ urlSetting: z.string().optional() }).optional(),
});

/** What went wrong with a package's `plugin` export, or the descriptor itself. */
export function readPluginDescriptor(
  module: Record<string, unknown>,
): { plugin: ProviderPlugin } | { problem: string } {
  const candidate = module['plugin'];
  if (candidate === null || typeof candidate !== 'object') {
    return {
      problem:
        "exports no 'plugin' descriptor; a provider plugin exports `plugin` (a ProviderPlugin from @reelay/core)",
    };
  }
  const version = (candidate as { specificationVersion?: unknown }).specificationVersion;
  if (version !== PROVIDER_PLUGIN_SPECIFICATION_VERSION) {
    return {
      problem: `implements plugin specification ${JSON.stringify(version ?? null)}, but this gateway loads '${PROVIDER_PLUGIN_SPECIFICATION_VERSION}'; install a version of the plugin built for this gateway's @reelay/core`,
    };
  }
  const parsed = pluginDescriptorSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(descriptor)';
    return { problem: `has an invalid descriptor: plugin.${path} ${issue?.message ?? 'is invalid'}` };
  }
  return { plugin: candidate as ProviderPlugin };
}
