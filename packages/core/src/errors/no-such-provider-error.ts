import { listSome } from './no-such-model-error';
import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('NoSuchProviderError');

/** A provider id that no loaded plugin has. HTTP 400. */
export class NoSuchProviderError extends ReelayError {
  readonly [marker] = true;
  readonly providerId: string;

  constructor(options: { providerId: string; available: string[]; param?: string }) {
    super({
      message: `Provider '${options.providerId}' is not configured. Configured providers: ${listSome(options.available)}.`,
      type: 'invalid_request_error',
      status: 400,
      code: 'provider_not_found',
      param: options.param ?? 'model',
    });
    this.name = 'NoSuchProviderError';
    this.providerId = options.providerId;
  }

  static override isInstance(error: unknown): error is NoSuchProviderError {
    return hasMarker(error, 'NoSuchProviderError');
  }
}
