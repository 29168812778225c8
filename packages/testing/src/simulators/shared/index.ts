export { type FaultKind, type FaultRule, routeMatches } from './fault';
export { postDelivery } from './post-delivery';
export type { RecordedRequest } from './recorded-request';
export {
  defaultSimulatorBehavior,
  type JobOutcome,
  jobPhase,
  type SimulatorBehavior,
} from './simulator-behavior';
export {
  type SimulatorRequest,
  type SimulatorResponse,
  type SimulatorServer,
  type SimulatorServerOptions,
  startSimulatorServer,
} from './simulator-server';
export {
  openSimulatorState,
  type SimulatorJobCodec,
  type SimulatorState,
} from './simulator-state';
export type { VideoSimulator } from './video-simulator';
