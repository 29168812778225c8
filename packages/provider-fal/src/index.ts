import type { ProviderPlugin } from '@reelay/core';
import { type FalModelId, falOfferings } from './fal-offerings';
import { createFal, type FalProviderSettings } from './fal-provider';
import { falSettingsSchema } from './fal-settings';
import { VERSION } from './version';

/** What the gateway loads from config: `plugin.create(plugin.settingsSchema.parse(config.providers.fal))`. */
export const plugin: ProviderPlugin<FalProviderSettings> = {
  id: 'fal',
  settingsSchema: falSettingsSchema,
  create: createFal,
};

export { createFal, type FalModelId, type FalProviderSettings, falOfferings, VERSION };
