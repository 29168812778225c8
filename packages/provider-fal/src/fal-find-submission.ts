import type {
  CallOptions,
  FindSubmissionQuery,
  FindSubmissionResult,
  JsonValue,
  SubmitRequest,
} from '@reelay/core';
import type { ProviderHttpClient } from '@reelay/provider-utils';
import { z } from 'zod';

/** Pages read at most (100 requests each) before the search counts as incomplete. */
const MAX_PAGES = 20;

const requestListSchema = z.object({
  items: z.array(
    z.object({
      request_id: z.string().min(1),
      endpoint_id: z.string().nullish(),
      json_input: z.record(z.string(), z.json()).nullish(),
    }),
  ),
  next_cursor: z.string().nullish(),
  has_more: z.boolean().nullish(),
});

type ListedRequest = z.infer<typeof requestListSchema>['items'][number];

/**
 * Looks for the queue request a lost submit made, with fal's platform API
 * (`GET /models/requests/by-endpoint?endpoint_id=…&start=…&end=…&expand=payloads`, cursor pages). fal keeps no
 * client reference, so a request matches on its endpoint and `json_input`: the same prompt and the same value for
 * every field the submit sent (the image aside, which fal may rewrite to its CDN). Exactly the matches found are
 * answered; no match is `unknown`, never `none`, because fal does not document that requests still in the queue
 * are listed, so their absence proves nothing.
 */
export async function findFalSubmission(
  platform: ProviderHttpClient,
  request: SubmitRequest,
  query: FindSubmissionQuery,
  options: CallOptions | undefined,
): Promise<FindSubmissionResult> {
  const expected = comparableInput(request);
  const matches: ListedRequest[] = [];
  let undecided = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { value } = await platform.json({
      method: 'GET',
      path: '/models/requests/by-endpoint',
      query: {
        endpoint_id: request.upstreamModel,
        start: new Date(query.submittedAfter).toISOString(),
        end: new Date(query.submittedBefore).toISOString(),
        expand: 'payloads',
        limit: '100',
        ...(cursor ? { cursor } : {}),
      },
      schema: requestListSchema,
      ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    for (const item of value.items) {
      if (item.endpoint_id && item.endpoint_id !== request.upstreamModel) continue;
      if (item.json_input === undefined || item.json_input === null) undecided += 1;
      else if (sameInput(item.json_input, expected)) matches.push(item);
    }
    if (!value.has_more || !value.next_cursor) return answer(request, matches, undecided);
    cursor = value.next_cursor;
  }
  return {
    status: 'unknown',
    reason: `more than ${MAX_PAGES * 100} fal requests were made since the submit`,
  };
}

function answer(request: SubmitRequest, matches: ListedRequest[], undecided: number): FindSubmissionResult {
  if (undecided > 0) {
    return {
      status: 'unknown',
      reason: `${undecided} fal request(s) of that time are listed without their input`,
    };
  }
  if (matches.length === 0) {
    return {
      status: 'unknown',
      reason: `fal lists no ${request.upstreamModel} request with this input yet, and a request still queued may not be listed`,
    };
  }
  return {
    status: 'found',
    submissions: matches.map((item) => ({
      operation: {
        requestId: item.request_id,
        endpoint: request.upstreamModel,
        // Queue URLs are re-pointed at the configured queue origin when used; only their paths matter here.
        ...falQueueUrls(request.upstreamModel, item.request_id),
      },
      upstreamId: item.request_id,
    })),
  };
}

/** The queue URLs fal answers a submit with: on `{owner}/{app}` only, whatever the endpoint's sub-path. */
function falQueueUrls(endpoint: string, requestId: string) {
  const app = endpoint.split('/').slice(0, 2).join('/');
  const base = `https://queue.fal.run/${app}/requests/${encodeURIComponent(requestId)}`;
  return { statusUrl: `${base}/status`, responseUrl: base, cancelUrl: `${base}/cancel` };
}

function comparableInput(request: SubmitRequest): Record<string, JsonValue> {
  const imageField = request.offering.capabilities.image?.field ?? 'image_url';
  const input: Record<string, JsonValue> = { prompt: request.prompt, ...request.body };
  delete input[imageField];
  return input;
}

function sameInput(input: Record<string, JsonValue>, expected: Record<string, JsonValue>): boolean {
  return Object.entries(expected).every(
    ([name, value]) => JSON.stringify(input[name]) === JSON.stringify(value),
  );
}
