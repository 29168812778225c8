import {
  InvalidRequestError,
  type JsonObject,
  type PollResult,
  UpstreamError,
  type VideoProvider,
} from '@reelay/core';
import {
  createJwksCache,
  createProviderHttpClient,
  imageAsUri,
  loadApiKey,
  sanitizeUrl,
  withoutTrailingSlash,
} from '@reelay/provider-utils';
import {
  describeFalError,
  falCancelResponseSchema,
  falErrorBodySchema,
  falStatusResponseSchema,
  falSubmitResponseSchema,
  falVideoOutputSchema,
} from './fal-api';
import { parseFalError } from './fal-error';
import { findFalSubmission } from './fal-find-submission';
import { falOfferings } from './fal-offerings';
import { type FalOperation, parseFalOperation } from './fal-operation';
import type { FalProviderSettings } from './fal-settings';
import { falFailure, falOutputToResult, interpretFalStatus } from './fal-status';
import { createFalWebhookParser } from './fal-webhook';
import { FAL_JWKS_URL } from './fal-webhook-signature';
import { VERSION } from './version';

const DEFAULT_BASE_URL = 'https://queue.fal.run';
const DEFAULT_PLATFORM_BASE_URL = 'https://api.fal.ai/v1';

/**
 * The fal.ai queue provider: Sora 2 Pro, Veo 3.1, Kling 3, Wan 2.7 and Seedance 2.0.
 *
 * @example
 * const fal = createFal(); // reads FAL_KEY
 * const video = await generateVideo({ provider: fal, model: 'veo-3.1', prompt: 'a fox', seconds: 8 });
 */
export function createFal(settings: FalProviderSettings = {}): VideoProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? (process.env['FAL_QUEUE_BASE_URL']?.trim() || DEFAULT_BASE_URL),
  );
  const origin = new URL(baseURL).origin;
  const http = createProviderHttpClient({
    provider: 'fal',
    baseURL,
    headers: () => ({
      'user-agent': `reelay/fal provider-fal/${VERSION}`,
      ...settings.headers,
      authorization: `Key ${loadApiKey({ apiKey: settings.apiKey, environmentVariableName: 'FAL_KEY', provider: 'fal' })}`,
    }),
    parseError: parseFalError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  });
  // The platform API (request listing, for `findSubmission`) takes the same key.
  const platformBaseURL = withoutTrailingSlash(
    settings.platformBaseURL ??
      (process.env['FAL_PLATFORM_BASE_URL']?.trim() ||
        (baseURL === DEFAULT_BASE_URL ? DEFAULT_PLATFORM_BASE_URL : `${origin}/v1`)),
  );
  const platform = createProviderHttpClient({
    provider: 'fal',
    baseURL: platformBaseURL,
    headers: () => ({
      'user-agent': `reelay/fal provider-fal/${VERSION}`,
      ...settings.headers,
      authorization: `Key ${loadApiKey({ apiKey: settings.apiKey, environmentVariableName: 'FAL_KEY', provider: 'fal' })}`,
    }),
    parseError: parseFalError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  });
  const parseWebhook = createFalWebhookParser(createJwksCache({ url: settings.jwksUrl ?? FAL_JWKS_URL }));

  function ownUrl(url: string, field: string, status: number): string {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed?.origin !== origin) {
      throw new UpstreamError({
        provider: 'fal',
        message:
          `the submit answer's ${field} (${sanitizeUrl(url)}) is not on ${origin}, so the key will not be sent ` +
          'there. Check FAL_QUEUE_BASE_URL (or the baseURL setting) points at the queue that answered.',
        statusCode: status,
        providerCode: 'untrusted_origin',
        isRetryable: false,
        nothingCreated: false,
      });
    }
    return url;
  }

  /**
   * fal's queue URLs always sit on the queue's origin, so a stored one is re-pointed at the configured origin:
   * the key only ever goes there, and a queue that moved since (a new FAL_QUEUE_BASE_URL, a sandbox restarted
   * on another port) still answers for the requests it holds.
   */
  function onQueue(url: string): string {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed === undefined) {
      throw new InvalidRequestError({
        param: 'operation',
        code: 'invalid_operation',
        message: `Not a fal queue URL (${sanitizeUrl(url)}). Pass the operation returned by submit().`,
      });
    }
    return `${origin}${parsed.pathname}${parsed.search}`;
  }

  return {
    specificationVersion: 'v1',
    id: 'fal',
    name: 'fal.ai',
    baseURL,
    offerings: falOfferings,
    callsBeforeCreate: true,

    async submit(request, options) {
      const body: JsonObject = { prompt: request.prompt, ...request.body };
      if (request.image)
        body[request.offering.capabilities.image?.field ?? 'image_url'] = imageAsUri(request.image);
      await request.beforeCreate();
      const { value, status } = await http.json({
        method: 'POST',
        path: `/${request.upstreamModel}`,
        body,
        ...(settings.webhookUrl ? { query: { fal_webhook: settings.webhookUrl } } : {}),
        schema: falSubmitResponseSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      const operation: FalOperation = {
        requestId: value.request_id,
        endpoint: request.upstreamModel,
        statusUrl: ownUrl(value.status_url, 'status_url', status),
        responseUrl: ownUrl(value.response_url, 'response_url', status),
        cancelUrl: ownUrl(value.cancel_url, 'cancel_url', status),
      };
      return { operation, upstreamId: value.request_id, warnings: [] };
    },

    findSubmission: (request, query, options) => findFalSubmission(platform, request, query, options),

    async poll(operation, options) {
      const stored = parseFalOperation(operation);
      const statusUrl = onQueue(stored.statusUrl);
      const responseUrl = onQueue(stored.responseUrl);
      const abort = options?.abortSignal ? { abortSignal: options.abortSignal } : {};
      const { value: status } = await http.json({
        method: 'GET',
        url: statusUrl,
        query: { logs: '1' },
        schema: falStatusResponseSchema,
        ...abort,
      });
      const meaning = interpretFalStatus(status);
      if (meaning.kind === 'result') return meaning.result;
      try {
        const { value } = await http.json({
          method: 'GET',
          url: responseUrl,
          schema: falVideoOutputSchema,
          ...abort,
        });
        return falOutputToResult(value);
      } catch (error) {
        const failure = inBandFailure(error);
        if (failure) return failure;
        throw error;
      }
    },

    async cancel(operation, options) {
      const { cancelUrl } = parseFalOperation(operation);
      try {
        await http.json({
          method: 'PUT',
          url: onQueue(cancelUrl),
          schema: falCancelResponseSchema,
          ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
        });
      } catch (error) {
        // Nothing left to stop: the request already ended.
        if (UpstreamError.isInstance(error) && bodyStatus(error.responseBody) === 'ALREADY_COMPLETED') return;
        throw error;
      }
    },

    parseWebhook,
  };
}

/**
 * A completed request's result endpoint answers a model failure (422 `detail[]`) or a cancellation (400)
 * instead of the output: that is the job's in-band failure, not a call that went wrong.
 */
function inBandFailure(error: unknown): PollResult | undefined {
  if (!UpstreamError.isInstance(error) || (error.statusCode !== 422 && error.statusCode !== 400))
    return undefined;
  const parsed = falErrorBodySchema.safeParse(parseJson(error.responseBody));
  const described = parsed.success ? describeFalError(parsed.data) : undefined;
  return falFailure(described?.message ?? error.message, described?.code ?? error.providerCode);
}

function bodyStatus(responseBody: string | undefined): string | undefined {
  const parsed = falCancelResponseSchema.safeParse(parseJson(responseBody));
  return parsed.success ? (parsed.data.status ?? undefined) : undefined;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
