export { ContentTooLargeError } from './errors/content-too-large-error';
export { UnsafeUrlError } from './errors/unsafe-url-error';
export { UrlFetchError } from './errors/url-fetch-error';
export { WebhookVerificationError } from './errors/webhook-verification-error';
export {
  createProviderHttpClient,
  type JsonRequest,
  type JsonResponse,
  type ProviderHttpClient,
  type ProviderHttpClientOptions,
  type StreamRequest,
} from './http/provider-http-client';
export type { HttpMethod } from './http/send-request';
export { DEFAULT_TIMEOUTS, type HttpTimeouts } from './http/timeouts';
export {
  createSafeFetcher,
  DEFAULT_MAX_BYTES,
  type SafeFetcher,
  type SafeFetcherOptions,
  type SafeFetchOptions,
  type SafePostOptions,
  type SafePostResponse,
} from './safe-fetch/safe-fetcher';
export { buildUpstreamError, type ParsedUpstreamError } from './upstream-errors/build-upstream-error';
export { createErrorParser } from './upstream-errors/create-error-parser';
export { booleanHeader, isRecord, stringField } from './upstream-errors/json-body';
export { parseHttpError } from './upstream-errors/parse-http-error';
export { parseRetryAfter } from './upstream-errors/parse-retry-after';
export { redactSecrets, sanitizeUrl } from './upstream-errors/redact';
export type { UpstreamErrorParser, UpstreamErrorResponse } from './upstream-errors/upstream-error-parser';
export { imageAsUri } from './util/image-as-uri';
export { loadApiKey } from './util/load-api-key';
export { providerSettingsFields, standardWebhookSecretField } from './util/provider-settings-fields';
export { removeUndefined } from './util/remove-undefined';
export { withoutTrailingSlash } from './util/without-trailing-slash';
export { type Ed25519Jwk, type Jwks, parseJwks } from './webhooks/jwks';
export {
  createJwksCache,
  type JwksCache,
  type JwksCacheOptions,
  type JwksFetch,
} from './webhooks/jwks-cache';
export {
  type SignStandardWebhookOptions,
  type StandardWebhookHeaders,
  signStandardWebhook,
} from './webhooks/sign-standard-webhook';
export { verifyEd25519Signature } from './webhooks/verify-ed25519-signature';
export { type VerifyStandardWebhookOptions, verifyStandardWebhook } from './webhooks/verify-standard-webhook';
export {
  assertFreshTimestamp,
  requiredHeader,
  toBytes,
  type WebhookHeaders,
} from './webhooks/webhook-headers';
