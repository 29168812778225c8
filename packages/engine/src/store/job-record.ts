import {
  type JsonObject,
  type NormalizationEntry,
  type VideoWarning,
  videoAttemptSchema,
} from '@reelay/core';
import { z } from 'zod';

/**
 * Where a job is. The write-ahead states make a crash at any moment recoverable without a double submit:
 * - `queued_local`: stored, nothing sent upstream yet (safe to submit on resume);
 * - `submitting`: an upstream submit was started; its outcome is unknown until `submitted` is written;
 * - `submitted` / `in_progress`: the upstream operation is stored and the tracker polls it;
 * - `completed` / `failed`: final;
 * - `parent`: the umbrella of an `n` > 1 request; its status is derived from its children.
 */
export type JobState =
  | 'queued_local'
  | 'submitting'
  | 'submitted'
  | 'in_progress'
  | 'completed'
  | 'failed'
  | 'parent';

export const unfinishedStates: readonly JobState[] = [
  'queued_local',
  'submitting',
  'submitted',
  'in_progress',
];

export type JobKind = 'single' | 'parent' | 'child';

/** One entry of the attempt trail shown in `metadata.attempts`. */
export const attemptSchema = videoAttemptSchema;
export type Attempt = z.infer<typeof attemptSchema>;

export const storedOutputSchema = z.object({
  variant: z.enum(['video', 'thumbnail', 'spritesheet']),
  /** File name inside `${dataDir}/outputs/<jobId>/`. */
  file: z.string(),
  size: z.number(),
  contentType: z.string(),
});
export type StoredOutput = z.infer<typeof storedOutputSchema>;

export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });
export type JobError = z.infer<typeof jobErrorSchema>;

/** An error thrown at create, kept so an idempotent replay answers the same way. */
export const createErrorSchema = z.object({
  status: z.number(),
  type: z.string(),
  code: z.string().nullable(),
  param: z.string().nullable(),
  message: z.string(),
});
export type CreateError = z.infer<typeof createErrorSchema>;

/** The checked first-frame image, kept on disk until every job that needs it has been submitted. */
export const storedImageSchema = z.object({
  /** Path relative to the data dir. */
  file: z.string(),
  mediaType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  filename: z.string(),
  /** The https URL the user gave, handed over as is to providers that fetch URLs themselves. */
  url: z.string().optional(),
});
export type StoredImage = z.infer<typeof storedImageSchema>;

/** A checked source video (extend, edit), kept on disk like the images. */
export const storedVideoSchema = z.object({
  /** Path relative to the data dir. */
  file: z.string(),
  mediaType: z.enum(['video/mp4', 'video/quicktime', 'video/webm']),
  bytes: z.number(),
  filename: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  seconds: z.number().optional(),
  /** The https URL the user gave, handed over as is to providers that fetch URLs themselves. */
  url: z.string().optional(),
  /** The Reelay video it is the output of, when the request named one by id. */
  videoId: z.string().optional(),
});
export type StoredVideo = z.infer<typeof storedVideoSchema>;

/** The request's input files besides the first frame (which has its own column, `input_image`). */
export const storedInputMediaSchema = z.object({
  lastFrame: storedImageSchema.optional(),
  referenceImages: z.array(storedImageSchema).optional(),
  video: storedVideoSchema.optional(),
});
export type StoredInputMedia = z.infer<typeof storedInputMediaSchema>;

const jsonValue: z.ZodType<unknown> = z.unknown();

/** The validated create request as stored (the files live in `input_image` and `input_media`). */
export const storedRequestSchema = z.object({
  model: z.string(),
  prompt: z.string(),
  seconds: z.number().optional(),
  size: z.string().optional(),
  aspect_ratio: z.string().optional(),
  resolution: z.string().optional(),
  n: z.number().optional(),
  audio: z.boolean().optional(),
  negative_prompt: z.string().optional(),
  seed: z.number().optional(),
  /** Set for an extension or an edit of the video in `input_media.video`. */
  operation: z.enum(['extend', 'edit']).optional(),
  strict: z.boolean().optional(),
  webhook_url: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  provider: z
    .object({
      order: z.array(z.string()).optional(),
      only: z.array(z.string()).optional(),
      ignore: z.array(z.string()).optional(),
      allow_fallbacks: z.boolean().optional(),
    })
    .optional(),
  extra: z.record(z.string(), jsonValue),
  /**
   * The secret parameters (`openai_api_key`), encrypted (`createSecretBox`), while the job may still have to
   * submit them; removed once the submit is acknowledged or the job fails. Never in `extra`.
   */
  sealed: z.string().optional(),
});
export type StoredRequest = z.infer<typeof storedRequestSchema> & { extra: JsonObject };

export type JobRecord = {
  seq: number;
  id: string;
  owner: string;
  kind: JobKind;
  parentId: string | null;
  childIndex: number | null;
  state: JobState;
  model: string;
  requestedModel: string;
  prompt: string;
  request: StoredRequest;
  inputImage: StoredImage | null;
  inputMedia: StoredInputMedia | null;
  bodyHash: string;
  provider: string | null;
  offeringId: string | null;
  upstreamModel: string | null;
  upstreamId: string | null;
  /** Raw JSON; the provider parses it with its own schema. */
  operation: JsonObject | null;
  size: string;
  seconds: number;
  tier: string | null;
  audio: boolean;
  normalization: NormalizationEntry[];
  warnings: VideoWarning[];
  attempts: Attempt[];
  submitAttempt: number;
  progress: number;
  costEstimateMicros: number | null;
  costMicros: number | null;
  error: JobError | null;
  createError: CreateError | null;
  outputs: StoredOutput[] | null;
  remixedFrom: string | null;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  completedAt: number | null;
  expiresAt: number | null;
  deadlineAt: number | null;
  nextPollAt: number | null;
  pollCount: number;
  deletedAt: number | null;
  outputsRemovedAt: number | null;
  /** `X-Request-Id` of the creating request: every log line about the job carries it. */
  requestId: string | null;
  /** W3C `traceparent` of the create span, so tracker spans join the job's trace; `null` when tracing is off. */
  traceParent: string | null;
  /**
   * The instance that tracks the job when several share a database (`LeaseStore`); set by the store on insert
   * and moved only by the lease store. Always `null` on SQLite, where one process tracks everything.
   */
  leaseOwner: string | null;
};
