import type {
  CallOptions,
  FindSubmissionQuery,
  FindSubmissionResult,
  JsonValue,
  SubmitRequest,
} from '@reelay/core';
import type { ProviderHttpClient } from '@reelay/provider-utils';
import { z } from 'zod';
import { type ReplicatePrediction, replicatePredictionSchema } from './replicate-api';
import { buildInput, isSecretField } from './replicate-input';
import { toOperation } from './replicate-operation';

/** Pages read at most (100 predictions each) before the search counts as incomplete. */
const MAX_PAGES = 20;

const predictionListSchema = z.object({
  next: z.string().nullish(),
  results: z.array(replicatePredictionSchema.extend({ input: z.record(z.string(), z.json()).nullish() })),
});

type ListedPrediction = z.infer<typeof predictionListSchema>['results'][number];

/**
 * Looks for the prediction a lost create made, with `GET /predictions?created_after=…&created_before=…`
 * (newest first, 100 a page, `next` for the following page). Replicate keeps no client reference, so a
 * prediction matches on the model and its `input`: the same prompt and the same value for every field the
 * request sent (image and credential fields aside, which Replicate rewrites or redacts). The listing covers
 * the whole window, so no match proves none exists; a prediction of the model whose input was removed makes
 * the answer `unknown`.
 */
export async function findReplicateSubmission(
  http: ProviderHttpClient,
  baseURL: string,
  request: SubmitRequest,
  query: FindSubmissionQuery,
  options: CallOptions | undefined,
): Promise<FindSubmissionResult> {
  const expected = comparableInput(request);
  const matches: ListedPrediction[] = [];
  let undecided = 0;
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { value } = await http.json({
      method: 'GET',
      ...(next === undefined
        ? {
            path: '/predictions',
            query: {
              created_after: new Date(query.submittedAfter).toISOString(),
              created_before: new Date(query.submittedBefore).toISOString(),
            },
          }
        : { url: next }),
      schema: predictionListSchema,
      abortSignal: options?.abortSignal,
    });
    for (const prediction of value.results) {
      if (!inWindow(prediction, query)) continue;
      if (prediction.model !== request.upstreamModel) continue;
      const verdict = compare(prediction, expected);
      if (verdict === 'match') matches.push(prediction);
      else if (verdict === 'undecided') undecided += 1;
    }
    if (!value.next) return answer(request, matches, undecided);
    next = sameOrigin(value.next, baseURL);
    if (next === undefined) {
      return { status: 'unknown', reason: 'Replicate answered a next page on another origin' };
    }
  }
  return {
    status: 'unknown',
    reason: `more than ${MAX_PAGES * 100} Replicate predictions were created since the submit`,
  };
}

function answer(
  request: SubmitRequest,
  matches: ListedPrediction[],
  undecided: number,
): FindSubmissionResult {
  if (undecided > 0) {
    return {
      status: 'unknown',
      reason: `${undecided} ${request.upstreamModel} prediction(s) of that time have had their input removed`,
    };
  }
  if (matches.length === 0) return { status: 'none' };
  return {
    status: 'found',
    submissions: matches.map((prediction) => ({
      operation: toOperation({
        provider: 'replicate',
        predictionId: prediction.id,
        model: request.upstreamModel,
      }),
      upstreamId: prediction.id,
    })),
  };
}

/** The sent input minus what Replicate does not echo as sent: uploaded files and credentials. */
function comparableInput(request: SubmitRequest): Record<string, JsonValue> {
  const input = buildInput(request);
  const imageField = request.offering.capabilities.image?.field;
  return Object.fromEntries(
    Object.entries(input).filter(([name]) => name !== imageField && !isSecretField(name)),
  );
}

function compare(
  prediction: ListedPrediction,
  expected: Record<string, JsonValue>,
): 'match' | 'other' | 'undecided' {
  const input = prediction.input;
  if (prediction.data_removed === true || input === undefined || input === null) return 'undecided';
  for (const [name, value] of Object.entries(expected)) {
    if (JSON.stringify(input[name]) !== JSON.stringify(value)) return 'other';
  }
  return 'match';
}

/** The filter is applied again here, so a server that ignored it cannot widen the window. */
function inWindow(prediction: ReplicatePrediction, query: FindSubmissionQuery): boolean {
  const created = prediction.created_at ? Date.parse(prediction.created_at) : Number.NaN;
  if (Number.isNaN(created)) return true;
  return created >= query.submittedAfter && created <= query.submittedBefore;
}

function sameOrigin(url: string, baseURL: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  return new URL(url).origin === new URL(baseURL).origin ? url : undefined;
}
