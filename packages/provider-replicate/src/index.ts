export { replicateOfferings } from './replicate-offerings';
export { plugin } from './replicate-plugin';
export { createReplicate, type ReplicateProviderSettings } from './replicate-provider';
export { VERSION } from './version';
