import { InvalidRequestError } from '@reelay/core';

const name = 'ContentTooLargeError';
const marker = Symbol.for(`reelay.error.${name}`);

/** A download went past its byte limit and was aborted. HTTP 400, code `content_too_large`. */
export class ContentTooLargeError extends InvalidRequestError {
  readonly [marker] = true;
  readonly url: string;
  readonly maxBytes: number;

  constructor(options: { url: string; maxBytes: number; param?: string | undefined }) {
    super({
      message:
        `The content at ${options.url} is larger than the ${formatBytes(options.maxBytes)} limit; ` +
        'use a smaller file or raise maxBytes.',
      code: 'content_too_large',
      param: options.param,
    });
    this.name = name;
    this.url = options.url;
    this.maxBytes = options.maxBytes;
  }

  static override isInstance(error: unknown): error is ContentTooLargeError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
