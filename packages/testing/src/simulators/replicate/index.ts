export type { ReplicatePrediction } from './replicate-prediction';
export {
  type ReplicateSimulator,
  type ReplicateSimulatorOptions,
  startReplicateSimulator,
} from './replicate-simulator';
