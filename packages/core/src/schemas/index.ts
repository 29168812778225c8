export {
  type CreateVideoRequest,
  type CreateVideoRequestInput,
  createVideoRequestSchema,
  inputReferenceSchema,
  knownRequestFields,
  MAX_REFERENCE_IMAGES,
  type ProviderPreferences,
  providerPreferencesSchema,
  type UploadedFile,
  uploadedFileSchema,
  type VideoReference,
  type VideoSource,
  videoReferenceSchema,
  videoSourceSchema,
} from './create-video-request';
export {
  type Deprecation,
  type DryRunResult,
  type DryRunRoute,
  deprecationSchema,
  dryRunResultSchema,
  dryRunRouteSchema,
  routeQuoteSchema,
} from './dry-run';
export {
  type ModelCard,
  type ModelProviderCard,
  modelCardSchema,
  modelListSchema,
  modelProviderCardSchema,
} from './model-card';
export { type Money, moneySchema } from './money';
export { booleanLike, numberLike, secondsLike } from './numeric';
export { type RemixVideoRequest, remixVideoRequestSchema } from './remix-video-request';
export {
  type VideoAttempt,
  type VideoDeleted,
  type VideoError,
  type VideoList,
  type VideoMetadata,
  type VideoObject,
  type VideoOutput,
  type VideoStatus,
  videoAttemptSchema,
  videoChildSchema,
  videoDeletedSchema,
  videoErrorSchema,
  videoListSchema,
  videoMetadataSchema,
  videoObjectSchema,
  videoOutputSchema,
  videoStatusSchema,
} from './video-object';
