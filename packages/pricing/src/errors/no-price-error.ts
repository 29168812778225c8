import { hasMarker, markerOf, ReelayError } from '@reelay/core';

const marker = markerOf('NoPriceError');

/**
 * No catalog price matches the provider, model, tier and duration asked. A quote is never guessed and never
 * $0, so this is an error. HTTP 400; the message lists what is priced.
 */
export class NoPriceError extends ReelayError {
  readonly [marker] = true;
  readonly provider: string;
  readonly model: string;
  /** What is priced instead: tiers (`720p`), tier and duration pairs (`768p 6s`), providers or models. */
  readonly priced: string[];

  constructor(options: {
    provider: string;
    model: string;
    message: string;
    param: string;
    priced: string[];
  }) {
    const priced = options.priced.length > 0 ? options.priced.join(', ') : '(nothing)';
    super({
      message: `${options.message} Priced: ${priced}.`,
      type: 'invalid_request_error',
      status: 400,
      code: 'no_price',
      param: options.param,
    });
    this.name = 'NoPriceError';
    this.provider = options.provider;
    this.model = options.model;
    this.priced = options.priced;
  }

  static override isInstance(error: unknown): error is NoPriceError {
    return hasMarker(error, 'NoPriceError');
  }
}
