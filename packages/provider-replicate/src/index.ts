export { replicateOfferings } from './replicate-offerings';
export { plugin } from './replicate-plugin';
export { createReplicate } from './replicate-provider';
export type { ReplicateProviderSettings } from './replicate-settings';
export { VERSION } from './version';
