export {
  type GeminiSimulator,
  type GeminiSimulatorOptions,
  startGeminiSimulator,
} from './simulator/gemini-simulator';
export { googleError, googleRateLimitBody } from './simulator/google-errors';
export {
  clipOf,
  EXTENSION_SECONDS,
  type VeoModelRules,
  type VeoSourceVideo,
  validateVeoBody,
} from './simulator/veo-validation';
