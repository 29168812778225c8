export { type FalModelId, falOfferings } from './fal-offerings';
export { plugin } from './fal-plugin';
export { createFal } from './fal-provider';
export type { FalProviderSettings } from './fal-settings';
export { VERSION } from './version';
