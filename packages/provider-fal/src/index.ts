export { type FalModelId, falOfferings } from './fal-offerings';
export { plugin } from './fal-plugin';
export { createFal, type FalProviderSettings } from './fal-provider';
export { VERSION } from './version';
