import type { OpenAIErrorBody } from './openai-error-body';

const marker = Symbol.for('reelay.error');

export type ReelayErrorOptions = {
  message: string;
  /** OpenAI error type: `invalid_request_error`, `not_found_error`, `upstream_error`, … */
  type: string;
  /** The HTTP status the gateway answers with. */
  status: number;
  code?: string | undefined;
  /** The request field at fault, dotted (`provider.order`). */
  param?: string | undefined;
  /** When to try again, in whole seconds: the gateway sends it as `Retry-After` (with a 429 or 503). */
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
};

/**
 * Base of every Reelay error. `isInstance` checks a global symbol instead of `instanceof`, so it works when
 * a plugin brings its own copy of `@reelay/core`.
 */
export class ReelayError extends Error {
  readonly [marker] = true;
  readonly type: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(options: ReelayErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'ReelayError';
    this.type = options.type;
    this.status = options.status;
    this.code = options.code;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static isInstance(error: unknown): error is ReelayError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }

  toJSON(): OpenAIErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param ?? null, code: this.code ?? null },
    };
  }
}

/** Stamps a subclass marker so `Subclass.isInstance` also works across duplicate installs. */
export function hasMarker(error: unknown, name: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[Symbol.for(`reelay.error.${name}`)] === true
  );
}

export function markerOf(name: string): symbol {
  return Symbol.for(`reelay.error.${name}`);
}
