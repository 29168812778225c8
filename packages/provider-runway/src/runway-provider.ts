import { InvalidRequestError, UpstreamError, type VideoOperation, type VideoProvider } from '@reelay/core';
import { createProviderHttpClient, loadApiKey, withoutTrailingSlash } from '@reelay/provider-utils';
import { z } from 'zod';
import {
  type RunwayOperation,
  runwayCreateResponseSchema,
  runwayOperationSchema,
  runwayTaskSchema,
} from './runway-api';
import { runwayCreateBody } from './runway-create-body';
import { parseRunwayError } from './runway-error';
import { runwayOfferings } from './runway-offerings';
import type { RunwayProviderSettings } from './runway-settings';
import { runwayTaskToResult } from './runway-status';
import { VERSION } from './version';

const DEFAULT_BASE_URL = 'https://api.dev.runwayml.com';
/** The API version runwayml/sdk-node 4.12 sends; Runway refuses calls without one. */
const DEFAULT_RUNWAY_VERSION = '2024-11-06';

/**
 * The Runway API provider: Gen-4.5, Gen-4 Turbo, Aleph 2 (video editing), and Veo 3.1 (standard and fast) served
 * by Runway.
 *
 * @example
 * const runway = createRunway(); // reads RUNWAYML_API_SECRET
 * const video = await generateVideo({ provider: runway, model: 'runway-gen-4.5', prompt: 'a fox', seconds: 5 });
 */
export function createRunway(settings: RunwayProviderSettings = {}): VideoProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? (process.env['RUNWAY_BASE_URL']?.trim() || DEFAULT_BASE_URL),
  );
  const http = createProviderHttpClient({
    provider: 'runway',
    baseURL,
    headers: () => ({
      'user-agent': `reelay/runway provider-runway/${VERSION}`,
      ...settings.headers,
      'x-runway-version': settings.runwayVersion ?? DEFAULT_RUNWAY_VERSION,
      authorization: `Bearer ${loadApiKey({ apiKey: settings.apiKey, environmentVariableName: 'RUNWAYML_API_SECRET', provider: 'runway' })}`,
    }),
    parseError: parseRunwayError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  });

  async function getTask(taskId: string, abortSignal: AbortSignal | undefined) {
    const { value } = await http.json({
      method: 'GET',
      path: `/v1/tasks/${encodeURIComponent(taskId)}`,
      schema: runwayTaskSchema,
      ...(abortSignal ? { abortSignal } : {}),
    });
    return value;
  }

  return {
    specificationVersion: 'v1',
    id: 'runway',
    name: 'Runway',
    baseURL,
    offerings: runwayOfferings,
    callsBeforeCreate: true,

    async submit(request, options) {
      const { path, body } = runwayCreateBody(request);
      await request.beforeCreate();
      const { value } = await http.json({
        method: 'POST',
        path,
        body,
        schema: runwayCreateResponseSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      const operation: RunwayOperation = { taskId: value.id };
      return { operation, upstreamId: value.id, warnings: [] };
    },

    async poll(operation, options) {
      const { taskId } = parseRunwayOperation(operation);
      return runwayTaskToResult(await getTask(taskId, options?.abortSignal));
    },

    async cancel(operation, options) {
      const { taskId } = parseRunwayOperation(operation);
      try {
        await http.json({
          method: 'DELETE',
          path: `/v1/tasks/${encodeURIComponent(taskId)}`,
          schema: z.unknown(),
          ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
        });
      } catch (error) {
        // A task already deleted is already stopped.
        if (UpstreamError.isInstance(error) && error.statusCode === 404) return;
        throw error;
      }
    },
  };
}

function parseRunwayOperation(operation: VideoOperation): RunwayOperation {
  const parsed = runwayOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'Not a Runway operation (no taskId). Pass the operation returned by submit() on the Runway provider.',
    });
  }
  return parsed.data;
}
