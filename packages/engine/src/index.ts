export { createEngine } from './create-engine';
export type {
  CreateVideoResult,
  DryRunResult,
  DryRunRoute,
  Engine,
  EngineOptions,
  ProviderHealth,
  ProviderWebhookResult,
  RequestContext,
  VideoList,
} from './engine-types';
export { NotFoundError } from './errors';
export { type ImageInfo, type ImageMediaType, readImageInfo } from './images';
export { type ApiKeyInfo, type ApiKeys, hashApiKey } from './keys/api-key-store';
export { openApiKeyStore } from './keys/open-api-key-store';
export type { CircuitBreakerOptions, CircuitState } from './router/circuit-breaker';
export type { Deprecation } from './router/lifecycle';
export type { ModelCard, ModelProviderCard } from './view/model-cards';
export { loadWebhookSecret } from './webhooks/webhook-secret';
