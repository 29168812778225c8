export { VERSION } from './version';
export { type XaiModelId, xaiOfferings } from './xai-offerings';
export { plugin } from './xai-plugin';
export { createXai } from './xai-provider';
export type { XaiProviderSettings } from './xai-settings';
