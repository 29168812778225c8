import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('NoSuchModelError');

/** The model name resolves to nothing; the message lists what exists. HTTP 404. */
export class NoSuchModelError extends ReelayError {
  readonly [marker] = true;
  readonly modelId: string;

  constructor(options: { modelId: string; available: string[]; message?: string }) {
    super({
      message:
        options.message ??
        `Model '${options.modelId}' does not exist. Available models: ${listSome(options.available)}. ` +
          'List them all with GET /v1/models.',
      type: 'invalid_request_error',
      status: 404,
      code: 'model_not_found',
      param: 'model',
    });
    this.name = 'NoSuchModelError';
    this.modelId = options.modelId;
  }

  static override isInstance(error: unknown): error is NoSuchModelError {
    return hasMarker(error, 'NoSuchModelError');
  }
}

export function listSome(values: readonly string[], max = 20): string {
  if (values.length === 0) return '(none)';
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
