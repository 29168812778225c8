export {
  type CreateVideoRequest,
  type CreateVideoRequestInput,
  createVideoRequestSchema,
  inputReferenceSchema,
  knownRequestFields,
  type ProviderPreferences,
  providerPreferencesSchema,
  type UploadedFile,
  uploadedFileSchema,
} from './create-video-request';
export { booleanLike, numberLike } from './numeric';
export {
  normalizationEntrySchema,
  type VideoObject,
  type VideoStatus,
  videoErrorSchema,
  videoObjectSchema,
  videoStatusSchema,
} from './video-object';
