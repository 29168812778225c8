import { ReelayError } from '@reelay/core';

const name = 'UrlFetchError';
const marker = Symbol.for(`reelay.error.${name}`);

/**
 * A safe URL fetch that was allowed but failed: the server answered non-2xx, too many redirects, or the
 * connection failed or timed out. HTTP 400, code `url_fetch_failed`.
 */
export class UrlFetchError extends ReelayError {
  readonly [marker] = true;
  /** The URL without query string or credentials. */
  readonly url: string;
  /** The status the server answered with; `undefined` when no answer arrived. */
  readonly statusCode: number | undefined;
  /** Whether trying again later may work (timeouts, resets, 408/429/5xx). */
  readonly isRetryable: boolean;

  constructor(options: {
    url: string;
    message: string;
    statusCode?: number | undefined;
    isRetryable: boolean;
    cause?: unknown;
  }) {
    super({
      message: `Could not fetch ${options.url}: ${options.message}`,
      type: 'invalid_request_error',
      status: 400,
      code: 'url_fetch_failed',
      cause: options.cause,
    });
    this.name = name;
    this.url = options.url;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable;
  }

  static override isInstance(error: unknown): error is UrlFetchError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
