import { InvalidRequestError } from '@reelay/core';

const name = 'UnsafeUrlError';
const marker = Symbol.for(`reelay.error.${name}`);

/**
 * A URL the safe fetcher refuses: not http(s), credentials in it, or it leads (directly, through DNS or a
 * redirect) to a private, loopback, link-local or metadata address. HTTP 400, code `unsafe_url`.
 */
export class UnsafeUrlError extends InvalidRequestError {
  readonly [marker] = true;
  /** The refused URL without query string or credentials. */
  readonly url: string;

  constructor(options: { url: string; reason: string; param?: string | undefined }) {
    super({
      message: `Refused to fetch ${options.url}: ${options.reason}`,
      code: 'unsafe_url',
      param: options.param,
    });
    this.name = name;
    this.url = options.url;
  }

  static override isInstance(error: unknown): error is UnsafeUrlError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
