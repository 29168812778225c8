export { type RunwayModelId, runwayOfferings } from './runway-offerings';
export { plugin } from './runway-plugin';
export { createRunway } from './runway-provider';
export type { RunwayProviderSettings } from './runway-settings';
export { VERSION } from './version';
