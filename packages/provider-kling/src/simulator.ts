export {
  type KlingSimulator,
  type KlingSimulatorOptions,
  startKlingSimulator,
} from './simulator/kling-simulator';
