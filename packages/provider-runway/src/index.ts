import type { ProviderPlugin } from '@reelay/core';
import { type RunwayModelId, runwayOfferings } from './runway-offerings';
import { createRunway } from './runway-provider';
import { type RunwayProviderSettings, runwaySettingsSchema } from './runway-settings';
import { VERSION } from './version';

/** What the gateway loads from config: `plugin.create(plugin.settingsSchema.parse(config.providers.runway))`. */
export const plugin: ProviderPlugin<RunwayProviderSettings> = {
  id: 'runway',
  settingsSchema: runwaySettingsSchema,
  create: createRunway,
};

export { createRunway, type RunwayModelId, type RunwayProviderSettings, runwayOfferings, VERSION };
