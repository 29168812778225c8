import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('LoadApiKeyError');

/** A provider credential is missing. Names the setting and the environment variable. */
export class LoadApiKeyError extends ReelayError {
  readonly [marker] = true;

  constructor(options: { provider: string; environmentVariableName: string }) {
    super({
      message:
        `${options.provider} API key is missing. Pass it as the 'apiKey' setting or set the ` +
        `${options.environmentVariableName} environment variable.`,
      type: 'authentication_error',
      status: 401,
      code: 'missing_api_key',
    });
    this.name = 'LoadApiKeyError';
  }

  static override isInstance(error: unknown): error is LoadApiKeyError {
    return hasMarker(error, 'LoadApiKeyError');
  }
}
