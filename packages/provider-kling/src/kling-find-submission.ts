import {
  type CallOptions,
  type FindSubmissionQuery,
  type FindSubmissionResult,
  type SubmitRequest,
  UpstreamError,
} from '@reelay/core';
import type { ProviderHttpClient } from '@reelay/provider-utils';
import { klingEnvelopeSchema, klingTaskSchema } from './kling-api';
import { klingCreateBody } from './kling-create-body';
import { unwrapKlingData } from './kling-envelope';

/**
 * Looks a lost create up by the `external_task_id` it carried (Reelay's job id): Kling's single-task query
 * (`GET /v1/videos/{endpoint}/{id}`) takes either its own task id or the external one. The task found is the
 * job's; Kling's "task not found" (HTTP 404, code 1203) proves none was created. Any other failure is thrown,
 * which the engine reports as unknown.
 */
export async function findKlingSubmission(
  http: ProviderHttpClient,
  baseURL: string,
  request: SubmitRequest,
  query: FindSubmissionQuery,
  options: CallOptions | undefined,
): Promise<FindSubmissionResult> {
  const { endpoint } = klingCreateBody(request);
  const path = `/v1/videos/${endpoint}/${encodeURIComponent(query.reference)}`;
  try {
    const { value, status } = await http.json({
      method: 'GET',
      path,
      schema: klingEnvelopeSchema,
      ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    const task = unwrapKlingData(value, klingTaskSchema, { status, url: `${baseURL}${path}`, submit: false });
    return {
      status: 'found',
      submissions: [{ operation: { taskId: task.task_id, endpoint }, upstreamId: task.task_id }],
    };
  } catch (error) {
    if (UpstreamError.isInstance(error) && error.statusCode === 404 && error.providerCode === '1203') {
      return { status: 'none' };
    }
    throw error;
  }
}
