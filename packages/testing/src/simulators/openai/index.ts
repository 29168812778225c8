export { imageDimensions } from './image-dimensions';
export type { OpenAIErrorBody } from './openai-errors';
export { OPENAI_VIDEO_MODELS } from './openai-models';
export { type OpenAISimulator, type OpenAISimulatorOptions, startOpenAISimulator } from './openai-simulator';
export type { OpenAIVideoObject } from './openai-video-store';
export {
  newWebhookSecret,
  type OpenAIWebhookType,
  type SignedWebhook,
  signOpenAIWebhook,
} from './openai-webhook-signer';
