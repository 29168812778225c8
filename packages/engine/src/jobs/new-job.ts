import type { NewJob } from '../store';

/** A job record with every optional field empty; callers set what they know. */
export function newJob(
  fields: Pick<
    NewJob,
    | 'id'
    | 'owner'
    | 'kind'
    | 'state'
    | 'model'
    | 'requestedModel'
    | 'prompt'
    | 'request'
    | 'bodyHash'
    | 'size'
    | 'seconds'
    | 'createdAt'
  > &
    Partial<NewJob>,
): NewJob {
  return {
    parentId: null,
    childIndex: null,
    inputImage: null,
    inputMedia: null,
    provider: null,
    offeringId: null,
    upstreamModel: null,
    upstreamId: null,
    operation: null,
    tier: null,
    audio: false,
    normalization: [],
    warnings: [],
    attempts: [],
    submitAttempt: 0,
    progress: 0,
    costEstimateMicros: null,
    costMicros: null,
    error: null,
    createError: null,
    outputs: null,
    remixedFrom: null,
    submittedAt: null,
    completedAt: null,
    expiresAt: null,
    deadlineAt: null,
    nextPollAt: null,
    pollCount: 0,
    deletedAt: null,
    outputsRemovedAt: null,
    requestId: null,
    traceParent: null,
    ...fields,
  };
}
