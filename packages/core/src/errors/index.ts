export { classifyUpstreamFailure, type UpstreamFailure } from './classify-upstream-failure';
export { formatIssuePath, InvalidOfferingError } from './invalid-offering-error';
export { InvalidRequestError } from './invalid-request-error';
export { LoadApiKeyError } from './load-api-key-error';
export { listSome, NoSuchModelError } from './no-such-model-error';
export { NoSuchProviderError } from './no-such-provider-error';
export {
  hasMarker,
  markerOf,
  type OpenAIErrorBody,
  ReelayError,
  type ReelayErrorOptions,
} from './reelay-error';
export { toOpenAIError } from './to-openai-error';
export { UnsupportedCapabilityError } from './unsupported-capability-error';
export { isRetryableStatus, UpstreamError, type UpstreamErrorOptions } from './upstream-error';
