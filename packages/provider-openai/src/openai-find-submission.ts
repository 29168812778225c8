import type { CallOptions, FindSubmissionQuery, FindSubmissionResult, SubmitRequest } from '@reelay/core';
import type { ProviderHttpClient } from '@reelay/provider-utils';
import { type OpenAIVideo, openAIVideoListSchema } from './openai-api';
import { toOperation } from './openai-operation';

/** Pages read at most (100 videos each) before the search counts as incomplete. */
const MAX_PAGES = 20;

/**
 * Looks for the video a lost `POST /videos` created, by listing the project's videos newest first
 * (`GET /videos?order=desc&limit=100&after=…`) back to the start of the window. OpenAI keeps no client
 * reference, so a video matches on what the request fixed: same model, prompt, size and seconds, created in
 * the window, not a remix. The listing is complete down to the window's start, so no match proves none exists;
 * a video in the window whose prompt or model the API leaves out makes the answer `unknown`.
 */
export async function findOpenAISubmission(
  http: ProviderHttpClient,
  request: SubmitRequest,
  query: FindSubmissionQuery,
  options: CallOptions | undefined,
): Promise<FindSubmissionResult> {
  const matches: OpenAIVideo[] = [];
  let undecided = 0;
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { value } = await http.json({
      method: 'GET',
      path: '/videos',
      query: { order: 'desc', limit: '100', ...(after ? { after } : {}) },
      schema: openAIVideoListSchema,
      ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    let reachedStart = false;
    for (const video of value.data) {
      const createdAt = video.created_at;
      if (createdAt === null || createdAt === undefined) {
        undecided += 1;
        continue;
      }
      // `created_at` is in whole seconds: a video of the window's first second may read up to 999 ms early.
      if (createdAt * 1000 < query.submittedAfter - 1000) {
        reachedStart = true;
        break;
      }
      if (createdAt * 1000 > query.submittedBefore) continue;
      const verdict = compare(video, request);
      if (verdict === 'match') matches.push(video);
      else if (verdict === 'undecided') undecided += 1;
    }
    if (reachedStart || !value.has_more || value.data.length === 0) return answer(matches, undecided);
    after = value.last_id ?? value.data.at(-1)?.id;
  }
  return {
    status: 'unknown',
    reason: `more than ${MAX_PAGES * 100} OpenAI videos were created since the submit; look for it by its prompt`,
  };
}

function answer(matches: OpenAIVideo[], undecided: number): FindSubmissionResult {
  if (undecided > 0) {
    return {
      status: 'unknown',
      reason: `${undecided} OpenAI video(s) of that time do not show their model, prompt or creation time`,
    };
  }
  if (matches.length === 0) return { status: 'none' };
  return {
    status: 'found',
    submissions: matches.map((video) => ({ operation: toOperation(video), upstreamId: video.id })),
  };
}

/** Whether a listed video is the request's, is not, or cannot be told (a field the request fixed is missing). */
function compare(video: OpenAIVideo, request: SubmitRequest): 'match' | 'other' | 'undecided' {
  if (video.remixed_from_video_id) return 'other';
  if (video.model !== undefined && video.model !== null && video.model !== request.upstreamModel)
    return 'other';
  const size = request.body['size'];
  if (typeof size === 'string' && video.size && video.size !== size) return 'other';
  const seconds = request.body['seconds'];
  if (seconds !== undefined && video.seconds !== undefined && video.seconds !== null) {
    if (String(video.seconds) !== String(seconds)) return 'other';
  }
  if (video.prompt === undefined || video.prompt === null || !video.model) return 'undecided';
  return video.prompt === request.prompt ? 'match' : 'other';
}
