import { InvalidRequestError, type VideoOperation, type VideoProvider } from '@reelay/core';
import { createProviderHttpClient, loadApiKey, withoutTrailingSlash } from '@reelay/provider-utils';
import { VERSION } from './version';
import {
  type XaiOperation,
  xaiCreateResponseSchema,
  xaiOperationSchema,
  xaiVideoStatusSchema,
} from './xai-api';
import { xaiCreateRequest } from './xai-create-request';
import { parseXaiError } from './xai-error';
import { xaiOfferings } from './xai-offerings';
import type { XaiProviderSettings } from './xai-settings';
import { xaiStatusToResult } from './xai-status';

const DEFAULT_BASE_URL = 'https://api.x.ai/v1';

/**
 * The xAI API provider: Grok Imagine Video and Grok Imagine Video 1.5.
 *
 * @example
 * const xai = createXai(); // reads XAI_API_KEY
 * const video = await generateVideo({ provider: xai, model: 'grok-imagine-video', prompt: 'a fox', seconds: 6 });
 */
export function createXai(settings: XaiProviderSettings = {}): VideoProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? (process.env['XAI_BASE_URL']?.trim() || DEFAULT_BASE_URL),
  );
  const http = createProviderHttpClient({
    provider: 'xai',
    baseURL,
    headers: () => ({
      'user-agent': `reelay/xai provider-xai/${VERSION}`,
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({ apiKey: settings.apiKey, environmentVariableName: 'XAI_API_KEY', provider: 'xai' })}`,
    }),
    parseError: parseXaiError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  });

  return {
    specificationVersion: 'v1',
    id: 'xai',
    name: 'xAI',
    baseURL,
    offerings: xaiOfferings,
    callsBeforeCreate: true,

    async submit(request, options) {
      const { path, body } = xaiCreateRequest(request);
      await request.beforeCreate();
      const { value } = await http.json({
        method: 'POST',
        path,
        body,
        schema: xaiCreateResponseSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      const operation: XaiOperation = { requestId: value.request_id };
      return { operation, upstreamId: value.request_id, warnings: [] };
    },

    async poll(operation, options) {
      const { requestId } = parseXaiOperation(operation);
      const { value } = await http.json({
        method: 'GET',
        path: `/videos/${encodeURIComponent(requestId)}`,
        schema: xaiVideoStatusSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      return xaiStatusToResult(value);
    },
  };
}

function parseXaiOperation(operation: VideoOperation): XaiOperation {
  const parsed = xaiOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'Not an xAI operation (no requestId). Pass the operation returned by submit() on the xAI provider.',
    });
  }
  return parsed.data;
}
