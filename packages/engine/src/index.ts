export { createEngine } from './create-engine';
export type {
  CreateVideoResult,
  Engine,
  EngineOptions,
  InstanceHealth,
  ProviderHealth,
  ProviderWebhookResult,
  RequestContext,
  StoredContent,
} from './engine-types';
export { LimitExceededError, NotFoundError } from './errors';
export { type ImageInfo, type ImageMediaType, readImageInfo } from './images';
export {
  type ApiKeyLimits,
  type ApiKeyRow,
  type ApiKeyScope,
  type ApiKeyStore,
  apiKeyScopes,
  type RequestWindow,
} from './keys/api-key-store';
export {
  type ApiKeyGrant,
  type ApiKeyInfo,
  type ApiKeys,
  type CreateApiKeyOptions,
  createApiKeys,
  hashApiKey,
} from './keys/api-keys';
export { openApiKeyStore } from './keys/open-api-key-store';
export { requestsInLastMinute, retryAfterSeconds } from './keys/request-window';
export type { EngineLogger, LogFields } from './observability/engine-logger';
export type { CircuitBreakerOptions, CircuitState } from './router/circuit-breaker';
export {
  type ByteRange,
  createDiskOutputStore,
  createS3OutputStore,
  type OutputStore,
  parseStorageUrl,
  type S3Location,
  type S3StorageSettings,
} from './storage';
export {
  isPostgresUrl,
  type LeaseStore,
  migrateDatabase,
  migratePostgres,
  type OpenStoresOptions,
  openPostgresStores,
  openSqliteStores,
  openStores,
  postgresSchemaVersion,
  type Stores,
  type UsageGroup,
  usageGroups,
} from './store';
export {
  openUsageReporter,
  type UsageReport,
  type UsageReporter,
  type UsageReportQuery,
  type UsageReportRow,
  usageReportSchema,
  usageReportToCsv,
} from './usage';
export { existingWebhookSecret, loadWebhookSecret, newWebhookSecret } from './webhooks/webhook-secret';
