import { InvalidRequestError, type JsonObject, type SubmitResult, type VideoProvider } from '@reelay/core';
import { createProviderHttpClient, loadApiKey, withoutTrailingSlash } from '@reelay/provider-utils';
import { replicatePredictionSchema } from './replicate-api';
import { parseReplicateError } from './replicate-error';
import { findReplicateSubmission } from './replicate-find-submission';
import { buildInput, secretValues } from './replicate-input';
import { replicateOfferings } from './replicate-offerings';
import { parseOperation, toOperation } from './replicate-operation';
import { redactUpstreamError } from './replicate-redact';
import type { ReplicateProviderSettings } from './replicate-settings';
import { toPollResult } from './replicate-status';
import { parseReplicateWebhook } from './replicate-webhook';

const DEFAULT_BASE_URL = 'https://api.replicate.com/v1';

/**
 * A Replicate provider: official video models through the predictions API.
 *
 * @example
 * const replicate = createReplicate(); // REPLICATE_API_TOKEN from the environment
 * const { content } = await generateVideo({ provider: replicate, model: 'kling-3', prompt: 'a fox', seconds: 5 });
 */
export function createReplicate(settings: ReplicateProviderSettings = {}): VideoProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? process.env['REPLICATE_BASE_URL'] ?? DEFAULT_BASE_URL,
  );
  const http = createProviderHttpClient({
    provider: 'replicate',
    baseURL,
    headers: () => ({
      authorization: `Bearer ${loadApiKey({
        apiKey: settings.apiKey,
        environmentVariableName: 'REPLICATE_API_TOKEN',
        provider: 'Replicate',
      })}`,
      ...settings.headers,
    }),
    parseError: parseReplicateError,
    timeouts: settings.timeouts,
  });

  return {
    specificationVersion: 'v1',
    id: 'replicate',
    name: 'Replicate',
    baseURL,
    offerings: replicateOfferings,
    callsBeforeCreate: true,

    async submit(request, options): Promise<SubmitResult> {
      const [owner, name, ...rest] = request.upstreamModel.split('/');
      if (!owner || !name || rest.length > 0) {
        throw new InvalidRequestError({
          param: 'model',
          message: `Replicate model ids are 'owner/name'; got '${request.upstreamModel}'.`,
        });
      }
      const input = buildInput(request);
      const body: JsonObject = { input };
      if (settings.webhookUrl !== undefined) {
        body['webhook'] = settings.webhookUrl;
        body['webhook_events_filter'] = settings.webhookEventsFilter ?? ['completed'];
      }
      await request.beforeCreate();
      try {
        const { value } = await http.json({
          method: 'POST',
          path: `/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/predictions`,
          body,
          schema: replicatePredictionSchema,
          abortSignal: options?.abortSignal,
        });
        return {
          operation: toOperation({
            provider: 'replicate',
            predictionId: value.id,
            model: request.upstreamModel,
          }),
          upstreamId: value.id,
          warnings: [],
        };
      } catch (error) {
        throw redactUpstreamError(error, secretValues(input));
      }
    },

    findSubmission: (request, query, options) =>
      findReplicateSubmission(http, baseURL, request, query, options),

    async poll(operation, options) {
      const { predictionId } = parseOperation(operation);
      const { value } = await http.json({
        method: 'GET',
        path: `/predictions/${predictionId}`,
        schema: replicatePredictionSchema,
        abortSignal: options?.abortSignal,
      });
      return toPollResult(value);
    },

    async cancel(operation, options) {
      const { predictionId } = parseOperation(operation);
      await http.json({
        method: 'POST',
        path: `/predictions/${predictionId}/cancel`,
        schema: replicatePredictionSchema,
        abortSignal: options?.abortSignal,
      });
    },

    async parseWebhook(request) {
      return parseReplicateWebhook(
        request,
        settings.webhookSecret ?? process.env['REPLICATE_WEBHOOK_SECRET'],
      );
    },
  };
}
