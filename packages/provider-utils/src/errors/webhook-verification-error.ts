import { ReelayError } from '@reelay/core';

const name = 'WebhookVerificationError';
const marker = Symbol.for(`reelay.error.${name}`);

/** A webhook delivery whose signature, headers or timestamp do not check out. HTTP 400. */
export class WebhookVerificationError extends ReelayError {
  readonly [marker] = true;

  constructor(message: string) {
    super({ message, type: 'invalid_request_error', status: 400, code: 'invalid_webhook_signature' });
    this.name = name;
  }

  static override isInstance(error: unknown): error is WebhookVerificationError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
