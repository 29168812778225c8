export {
  type RunwaySimulator,
  type RunwaySimulatorOptions,
  startRunwaySimulator,
} from './simulator/runway-simulator';
