export {
  startVertexSimulator,
  type VertexSimulator,
  type VertexSimulatorOptions,
} from './simulator/vertex-simulator';
