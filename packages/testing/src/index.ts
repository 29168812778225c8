export {
  type Mp4Info,
  type RenderMp4Options,
  type RenderPngOptions,
  readMp4Info,
  renderMp4,
  renderPng,
} from './media';
export * from './simulators/fal';
export * from './simulators/openai';
export * from './simulators/replicate';
export {
  defaultSimulatorBehavior,
  type FaultRule,
  type JobOutcome,
  jobPhase,
  type RecordedRequest,
  type SimulatorBehavior,
  type VideoSimulator,
} from './simulators/shared';
export { type AllSimulators, startAllSimulators } from './simulators/start-all-simulators';
