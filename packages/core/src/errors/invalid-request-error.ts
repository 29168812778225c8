import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('InvalidRequestError');

/** The request is wrong; the message names the field and says what would work. HTTP 400. */
export class InvalidRequestError extends ReelayError {
  readonly [marker] = true;

  constructor(options: {
    message: string;
    param?: string | undefined;
    code?: string | undefined;
    status?: number;
  }) {
    super({
      message: options.message,
      type: 'invalid_request_error',
      status: options.status ?? 400,
      code: options.code ?? 'invalid_value',
      param: options.param,
    });
    this.name = 'InvalidRequestError';
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return hasMarker(error, 'InvalidRequestError');
  }
}
