export { type KlingModelId, klingOfferings } from './kling-offerings';
export { plugin } from './kling-plugin';
export { createKling } from './kling-provider';
export type { KlingProviderSettings } from './kling-settings';
export { signKlingToken } from './kling-token';
export { VERSION } from './version';
