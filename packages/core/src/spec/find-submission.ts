import { z } from 'zod';
import { jsonObjectSchema } from './json-value';

/**
 * What the engine asks `findSubmission` after a crash lost the answer to a submit: the job's reference and
 * the time window in which the create request may have reached the provider. The request itself (prompt,
 * model, body) is the `SubmitRequest` the adapter would send now, passed beside this query.
 */
export const findSubmissionQuerySchema = z.object({
  /**
   * Reelay's id of the job: the same value `SubmitRequest.reference` carried, so a provider that echoes a
   * client reference (an external id, metadata) is looked up by it.
   */
  reference: z.string().min(1),
  /** Epoch ms: the submit started no earlier than this (clock skew already allowed for). */
  submittedAfter: z.number().int(),
  /** Epoch ms: the submit could not have reached the provider after this. */
  submittedBefore: z.number().int(),
});

export type FindSubmissionQuery = z.infer<typeof findSubmissionQuerySchema>;

/** One upstream job that matches the request, in the form `submit` would have returned it. */
export const foundSubmissionSchema = z.object({
  operation: jsonObjectSchema,
  upstreamId: z.string().min(1),
});

export type FoundSubmission = z.infer<typeof foundSubmissionSchema>;

/**
 * The provider's answer, given only when it can be proved:
 * - `found`: the window was searched completely; these are every upstream job that matches (usually one).
 *   The engine adopts one only when exactly one is not already another job's.
 * - `none`: the provider proves no such job exists, so the engine submits again.
 * - `unknown`: it cannot tell (no list endpoint, a partial search, an ambiguous record); `reason` says why,
 *   for the operator. The job then fails with `submit_interrupted`, never resubmitted.
 */
export const findSubmissionResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), submissions: z.array(foundSubmissionSchema).min(1) }),
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('unknown'), reason: z.string().min(1) }),
]);

export type FindSubmissionResult = z.infer<typeof findSubmissionResultSchema>;
