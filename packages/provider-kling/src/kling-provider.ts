import { InvalidRequestError, type VideoOperation, type VideoProvider } from '@reelay/core';
import { createProviderHttpClient, withoutTrailingSlash } from '@reelay/provider-utils';
import { type KlingOperation, klingEnvelopeSchema, klingOperationSchema, klingTaskSchema } from './kling-api';
import { klingCreateBody } from './kling-create-body';
import { unwrapKlingData } from './kling-envelope';
import { parseKlingError } from './kling-error';
import { findKlingSubmission } from './kling-find-submission';
import { klingOfferings } from './kling-offerings';
import type { KlingProviderSettings } from './kling-settings';
import { klingTaskToResult } from './kling-status';
import { createKlingTokenSource } from './kling-token';
import { VERSION } from './version';

const DEFAULT_BASE_URL = 'https://api-singapore.klingai.com';

/**
 * The Kling AI API provider: Kling 3 and Kling 1.6 (reference images) in standard (720p) and pro (1080p) mode.
 *
 * @example
 * const kling = createKling(); // reads KLING_API_KEY, or KLING_ACCESS_KEY and KLING_SECRET_KEY
 * const video = await generateVideo({ provider: kling, model: 'kling-3', prompt: 'a fox', seconds: 5 });
 */
export function createKling(settings: KlingProviderSettings = {}): VideoProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? (process.env['KLING_BASE_URL']?.trim() || DEFAULT_BASE_URL),
  );
  const bearerToken = createKlingTokenSource(settings);
  const http = createProviderHttpClient({
    provider: 'kling',
    baseURL,
    headers: () => ({
      'user-agent': `reelay/kling provider-kling/${VERSION}`,
      ...settings.headers,
      authorization: `Bearer ${bearerToken()}`,
    }),
    parseError: parseKlingError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  });

  return {
    specificationVersion: 'v1',
    id: 'kling',
    name: 'Kling AI',
    baseURL,
    offerings: klingOfferings,
    callsBeforeCreate: true,

    async submit(request, options) {
      const { endpoint, body } = klingCreateBody(request);
      // Kling keeps and echoes a caller's id, by which `findSubmission` looks a lost create up.
      if (request.reference !== undefined) body['external_task_id'] = request.reference;
      const path = `/v1/videos/${endpoint}`;
      await request.beforeCreate();
      const { value, status } = await http.json({
        method: 'POST',
        path,
        body,
        schema: klingEnvelopeSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      const task = unwrapKlingData(value, klingTaskSchema, {
        status,
        url: `${baseURL}${path}`,
        submit: true,
      });
      const operation: KlingOperation = { taskId: task.task_id, endpoint };
      return { operation, upstreamId: task.task_id, warnings: [] };
    },

    findSubmission: (request, query, options) => findKlingSubmission(http, baseURL, request, query, options),

    async poll(operation, options) {
      const { taskId, endpoint } = parseKlingOperation(operation);
      const path = `/v1/videos/${endpoint}/${encodeURIComponent(taskId)}`;
      const { value, status } = await http.json({
        method: 'GET',
        path,
        schema: klingEnvelopeSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      return klingTaskToResult(
        unwrapKlingData(value, klingTaskSchema, { status, url: `${baseURL}${path}`, submit: false }),
      );
    },
  };
}

function parseKlingOperation(operation: VideoOperation): KlingOperation {
  const parsed = klingOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'Not a Kling operation (taskId and endpoint needed). Pass the operation returned by submit() on the Kling provider.',
    });
  }
  return parsed.data;
}
