export {
  type GeminiSimulator,
  type GeminiSimulatorOptions,
  startGeminiSimulator,
} from './simulator/gemini-simulator';
export { googleError, googleRateLimitBody } from './simulator/google-errors';
export { clipOf, type VeoModelRules, validateVeoBody } from './simulator/veo-validation';
