export { type BackoffOptions, backoffDelay, defaultPollBackoff, sleep } from './backoff';
export {
  type GenerateVideoOptions,
  type GenerateVideoResult,
  generateVideo,
  VideoGenerationError,
} from './generate-video';
