export {
  type Mp4AudioInfo,
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
  type FaultKind,
  type FaultRule,
  type JobOutcome,
  jobPhase,
  openSimulatorState,
  type RecordedRequest,
  type SimulatorBehavior,
  type SimulatorJobCodec,
  type SimulatorRequest,
  type SimulatorResponse,
  type SimulatorServer,
  type SimulatorState,
  startSimulatorServer,
  type VideoSimulator,
} from './simulators/shared';
export { createRenderCache, type FileSpec, type RenderedFile } from './simulators/shared/render-cache';
export { type AllSimulators, startAllSimulators } from './simulators/start-all-simulators';
