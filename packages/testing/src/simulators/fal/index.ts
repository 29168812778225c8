export { type FalSimulator, type FalSimulatorOptions, startFalSimulator } from './fal-simulator';
export type { SignedDelivery } from './fal-webhook-signer';
