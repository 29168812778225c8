export { startXaiSimulator, type XaiSimulatorOptions } from './simulator/xai-simulator';
