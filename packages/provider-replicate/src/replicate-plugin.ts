import type { ProviderPlugin } from '@reelay/core';
import { createReplicate, type ReplicateProviderSettings } from './replicate-provider';
import { replicateSettingsSchema } from './replicate-settings';

/** Lets the gateway load this package by name: `plugin.create(plugin.settingsSchema.parse(section))`. */
export const plugin: ProviderPlugin<ReplicateProviderSettings> = {
  id: 'replicate',
  settingsSchema: replicateSettingsSchema,
  create: createReplicate,
};
