import type { JsonObject, NormalizationEntry, VideoWarning } from '@reelay/core';
import { z } from 'zod';
import {
  attemptSchema,
  createErrorSchema,
  type JobKind,
  type JobRecord,
  type JobState,
  jobErrorSchema,
  type StoredRequest,
  storedImageSchema,
  storedInputMediaSchema,
  storedOutputSchema,
  storedRequestSchema,
} from './job-record';
import { createValidatedJsonReader } from './validated-json';

/** The raw SQLite row of `jobs`. */
export type JobRow = {
  seq: number;
  id: string;
  owner: string;
  kind: string;
  parent_id: string | null;
  child_index: number | null;
  state: string;
  model: string;
  requested_model: string;
  prompt: string;
  request: string;
  input_image: string | null;
  input_media: string | null;
  body_hash: string;
  provider: string | null;
  offering_id: string | null;
  upstream_model: string | null;
  upstream_id: string | null;
  operation: string | null;
  size: string;
  seconds: number;
  tier: string | null;
  audio: number;
  normalization: string;
  warnings: string;
  attempts: string;
  submit_attempt: number;
  progress: number;
  cost_estimate_micros: number | null;
  cost_micros: number | null;
  error: string | null;
  create_error: string | null;
  outputs: string | null;
  remixed_from: string | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  completed_at: number | null;
  expires_at: number | null;
  deadline_at: number | null;
  next_poll_at: number | null;
  poll_count: number;
  deleted_at: number | null;
  outputs_removed_at: number | null;
  request_id: string | null;
  trace_parent: string | null;
  /** Postgres only (SQLite has no leases). */
  lease_owner?: string | null;
};

const jsonObjectSchema = z.record(z.string(), z.unknown());
const reportSchema = z.array(z.record(z.string(), z.unknown()));
const warningsSchema = z.array(z.record(z.string(), z.unknown()));

const readJson = createValidatedJsonReader();

function parseJson<T>(text: string | null, schema: z.ZodType<T>, column: string, id: string): T | null {
  if (text === null) return null;
  const result = readJson(text, schema);
  if (!result.success) {
    throw new Error(`Job ${id} has an unreadable '${column}' column: ${result.error.message}`);
  }
  return result.data;
}

// Built once: a schema made per row showed up in retrieve profiles.
const attemptsSchema = z.array(attemptSchema);
const storedOutputsSchema = z.array(storedOutputSchema);

export function toJobRecord(row: JobRow): JobRecord {
  const id = row.id;
  return {
    seq: row.seq,
    id,
    owner: row.owner,
    kind: row.kind as JobKind,
    parentId: row.parent_id,
    childIndex: row.child_index,
    state: row.state as JobState,
    model: row.model,
    requestedModel: row.requested_model,
    prompt: row.prompt,
    request: parseJson(row.request, storedRequestSchema, 'request', id) as StoredRequest,
    inputImage: parseJson(row.input_image, storedImageSchema, 'input_image', id),
    inputMedia: parseJson(row.input_media, storedInputMediaSchema, 'input_media', id),
    bodyHash: row.body_hash,
    provider: row.provider,
    offeringId: row.offering_id,
    upstreamModel: row.upstream_model,
    upstreamId: row.upstream_id,
    operation: parseJson(row.operation, jsonObjectSchema, 'operation', id) as JsonObject | null,
    size: row.size,
    seconds: row.seconds,
    tier: row.tier,
    audio: row.audio === 1,
    normalization: (parseJson(row.normalization, reportSchema, 'normalization', id) ??
      []) as NormalizationEntry[],
    warnings: (parseJson(row.warnings, warningsSchema, 'warnings', id) ?? []) as VideoWarning[],
    attempts: parseJson(row.attempts, attemptsSchema, 'attempts', id) ?? [],
    submitAttempt: row.submit_attempt,
    progress: row.progress,
    costEstimateMicros: row.cost_estimate_micros,
    costMicros: row.cost_micros,
    error: parseJson(row.error, jobErrorSchema, 'error', id),
    createError: parseJson(row.create_error, createErrorSchema, 'create_error', id),
    outputs: parseJson(row.outputs, storedOutputsSchema, 'outputs', id),
    remixedFrom: row.remixed_from,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    completedAt: row.completed_at,
    expiresAt: row.expires_at,
    deadlineAt: row.deadline_at,
    nextPollAt: row.next_poll_at,
    pollCount: row.poll_count,
    deletedAt: row.deleted_at,
    outputsRemovedAt: row.outputs_removed_at,
    requestId: row.request_id,
    traceParent: row.trace_parent,
    leaseOwner: row.lease_owner ?? null,
  };
}

/** Fields a store update may set, in record (camelCase) form. */
export type JobPatch = Partial<
  Omit<JobRecord, 'seq' | 'id' | 'owner' | 'kind' | 'createdAt' | 'bodyHash' | 'leaseOwner'>
>;

const jsonColumns = new Set([
  'request',
  'inputImage',
  'inputMedia',
  'operation',
  'normalization',
  'warnings',
  'attempts',
  'error',
  'createError',
  'outputs',
]);

export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A record field value as SQLite stores it. */
export function toColumnValue(field: string, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (jsonColumns.has(field)) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new Error(`Cannot store field '${field}' of type ${typeof value}.`);
}

/** The fields a new row is written with, in one fixed order (the store fills `seq` and `updated_at`). */
export const insertColumns = [
  'id',
  'owner',
  'kind',
  'parentId',
  'childIndex',
  'state',
  'model',
  'requestedModel',
  'prompt',
  'request',
  'inputImage',
  'inputMedia',
  'bodyHash',
  'provider',
  'offeringId',
  'upstreamModel',
  'upstreamId',
  'operation',
  'size',
  'seconds',
  'tier',
  'audio',
  'normalization',
  'warnings',
  'attempts',
  'submitAttempt',
  'progress',
  'costEstimateMicros',
  'costMicros',
  'error',
  'createError',
  'outputs',
  'remixedFrom',
  'createdAt',
  'submittedAt',
  'completedAt',
  'expiresAt',
  'deadlineAt',
  'nextPollAt',
  'pollCount',
  'deletedAt',
  'outputsRemovedAt',
  'requestId',
  'traceParent',
] as const;

/**
 * Every column of `JobRow` by name (Postgres's `lease_owner` included), for statements that must not say
 * `SELECT *` (prepared ones). It does not compile once `JobRow` has a column this list lacks.
 */
export const jobRowColumnList: [
  Exclude<keyof JobRow, ColumnName<(typeof insertColumns)[number]> | 'seq' | 'updated_at' | 'lease_owner'>,
] extends [never]
  ? string
  : never = ['seq', ...insertColumns.map(columnOf), 'updated_at', 'lease_owner'].join(', ');

/** `columnOf` in types: `parentId` → `parent_id`. */
type ColumnName<Field extends string> = Field extends `${infer Head}${infer Rest}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${ColumnName<Rest>}`
  : Field;
