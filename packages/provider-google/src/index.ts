export { type GoogleModelId, geminiOfferings } from './gemini-offerings';
export { createGoogle } from './gemini-provider';
export type { GoogleProviderSettings } from './gemini-settings';
export { parseGoogleError } from './google-error';
export { plugin } from './google-plugin';
export { veoOffering } from './veo-offerings';
export {
  type VeoOperationResponse,
  veoFailure,
  veoImage,
  veoOperationResponseSchema,
  veoRequestBody,
} from './veo-wire';
export { VERSION } from './version';
