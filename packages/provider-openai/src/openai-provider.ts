import type {
  CallOptions,
  ContentRequest,
  ContentResult,
  PollResult,
  SubmitRequest,
  SubmitResult,
  VideoOperation,
  VideoProvider,
  WebhookEvent,
  WebhookRequest,
} from '@reelay/core';
import { createProviderHttpClient, loadApiKey, withoutTrailingSlash } from '@reelay/provider-utils';
import { openAIDeletedSchema, openAIVideoSchema } from './openai-api';
import { parseOpenAIError } from './openai-error';
import { findOpenAISubmission } from './openai-find-submission';
import { openAIOfferings } from './openai-offerings';
import { parseOperation, toOperation, videoPath } from './openai-operation';
import { buildCreateBody } from './openai-request-body';
import type { OpenAIProviderSettings } from './openai-settings';
import { toPollResult } from './openai-status';
import { parseOpenAIWebhook } from './openai-webhook';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The OpenAI provider: the whole `VideoProvider` contract, with remix, delete and webhooks. */
export type OpenAIProvider = VideoProvider & {
  remix(operation: VideoOperation, prompt: string, options?: CallOptions): Promise<SubmitResult>;
  delete(operation: VideoOperation, options?: CallOptions): Promise<void>;
  parseWebhook(request: WebhookRequest): Promise<WebhookEvent | undefined>;
};

/**
 * OpenAI's Videos API (Sora 2: `sora-2`, `sora-2-pro`).
 *
 * OpenAI has no cancel endpoint (`DELETE` works only on finished videos), so this provider has no `cancel`.
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? nonEmpty(process.env['OPENAI_BASE_URL']) ?? DEFAULT_OPENAI_BASE_URL,
  );
  const http = createProviderHttpClient({
    provider: 'openai',
    baseURL,
    headers: () => ({
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({
        apiKey: settings.apiKey,
        environmentVariableName: 'OPENAI_API_KEY',
        provider: 'OpenAI',
      })}`,
    }),
    parseError: parseOpenAIError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  });

  async function createVideo(
    path: string,
    body: unknown,
    abortSignal: AbortSignal | undefined,
  ): Promise<SubmitResult> {
    const { value } = await http.json({
      method: 'POST',
      path,
      body,
      schema: openAIVideoSchema,
      ...(abortSignal ? { abortSignal } : {}),
    });
    return { operation: toOperation(value), upstreamId: value.id, warnings: [] };
  }

  return {
    specificationVersion: 'v1',
    id: 'openai',
    name: 'OpenAI',
    baseURL,
    offerings: openAIOfferings,
    callsBeforeCreate: true,

    async submit(request: SubmitRequest, options?: CallOptions): Promise<SubmitResult> {
      const body = buildCreateBody(request);
      await request.beforeCreate();
      return createVideo('/videos', body, options?.abortSignal);
    },

    findSubmission: (request, query, options) => findOpenAISubmission(http, request, query, options),

    async poll(operation: VideoOperation, options?: CallOptions): Promise<PollResult> {
      const { value } = await http.json({
        method: 'GET',
        path: videoPath(parseOperation(operation)),
        schema: openAIVideoSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      return toPollResult(value);
    },

    content(request: ContentRequest, options?: CallOptions): Promise<ContentResult> {
      // Output URLs never exist at OpenAI; the bytes come from its own origin, behind the key.
      return http.stream({
        path: videoPath(parseOperation(request.operation), '/content'),
        query: { variant: request.variant },
        headers: { accept: 'application/binary' },
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
    },

    remix(operation: VideoOperation, prompt: string, options?: CallOptions): Promise<SubmitResult> {
      return createVideo(videoPath(parseOperation(operation), '/remix'), { prompt }, options?.abortSignal);
    },

    async delete(operation: VideoOperation, options?: CallOptions): Promise<void> {
      await http.json({
        method: 'DELETE',
        path: videoPath(parseOperation(operation)),
        schema: openAIDeletedSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
    },

    async parseWebhook(request: WebhookRequest): Promise<WebhookEvent | undefined> {
      const secret = settings.webhookSecret ?? nonEmpty(process.env['OPENAI_WEBHOOK_SECRET']);
      return parseOpenAIWebhook(request, secret);
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
