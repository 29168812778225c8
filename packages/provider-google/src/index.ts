export { type GoogleModelId, geminiOfferings } from './gemini-offerings';
export { createGoogle } from './gemini-provider';
export { parseGoogleError } from './google-error';
export { plugin } from './google-plugin';
export type { GoogleProviderSettings } from './google-settings';
export {
  VEO_EXTENSION_SECONDS,
  VEO_MAX_REFERENCE_IMAGES,
  type VeoExtension,
  veoOffering,
} from './veo-offerings';
export {
  type VeoImageParam,
  type VeoOperationResponse,
  type VeoVideoWriter,
  veoFailure,
  veoImage,
  veoOperationResponseSchema,
  veoRequestBody,
} from './veo-wire';
export { VERSION } from './version';
