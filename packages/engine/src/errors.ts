import { hasMarker, InvalidRequestError, markerOf, ReelayError } from '@reelay/core';

const marker = markerOf('NotFoundError');

/** A video (or key) that does not exist for this caller. Another key's job is reported the same way. */
export class NotFoundError extends ReelayError {
  readonly [marker] = true;

  constructor(message: string, code = 'not_found', param?: string) {
    super({ message, type: 'invalid_request_error', status: 404, code, param });
    this.name = 'NotFoundError';
  }

  static override isInstance(error: unknown): error is NotFoundError {
    return hasMarker(error, 'NotFoundError');
  }
}

export function videoNotFound(id: string): NotFoundError {
  return new NotFoundError(
    `No video with id '${id}'. It may have been deleted, or it belongs to another API key.`,
    'video_not_found',
    'video_id',
  );
}

export function idempotencyKeyReused(key: string): InvalidRequestError {
  return new InvalidRequestError({
    status: 409,
    code: 'idempotency_key_reused',
    param: 'Idempotency-Key',
    message:
      `Idempotency-Key '${key}' was already used with a different request body. ` +
      'Send the same body to get the original job back, or use a new key for a new request.',
  });
}

const limitMarker = markerOf('LimitExceededError');

/**
 * A key's rate limit or budget refused the request (429). The gateway sends `Retry-After: retryAfterSeconds`,
 * and `x-should-retry: false` when an automatic retry cannot help (a spent budget), which the official OpenAI
 * SDKs obey instead of retrying a 429.
 */
export class LimitExceededError extends ReelayError {
  readonly [limitMarker] = true;
  override readonly retryAfterSeconds: number;
  readonly retryable: boolean;

  constructor(options: {
    message: string;
    type: string;
    code: string;
    retryAfterSeconds: number;
    retryable: boolean;
  }) {
    super({ message: options.message, type: options.type, code: options.code, status: 429 });
    this.name = 'LimitExceededError';
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.retryable = options.retryable;
  }

  static override isInstance(error: unknown): error is LimitExceededError {
    return hasMarker(error, 'LimitExceededError');
  }
}
