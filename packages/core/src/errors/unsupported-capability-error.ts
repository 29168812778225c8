import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('UnsupportedCapabilityError');

/** A value no candidate can honour (or, in `strict` mode, honour exactly). Lists what would work. HTTP 400. */
export class UnsupportedCapabilityError extends ReelayError {
  readonly [marker] = true;
  readonly supported: string[];

  constructor(options: { message: string; param: string; supported: string[] }) {
    super({
      message: `${options.message} Supported: ${options.supported.join(', ')}.`,
      type: 'invalid_request_error',
      status: 400,
      code: 'unsupported_value',
      param: options.param,
    });
    this.name = 'UnsupportedCapabilityError';
    this.supported = options.supported;
  }

  static override isInstance(error: unknown): error is UnsupportedCapabilityError {
    return hasMarker(error, 'UnsupportedCapabilityError');
  }
}
