import type { BudgetCheck, BudgetRefusal } from './budget-check';
import type { JobRecord, JobState } from './job-record';
import type { JobPatch } from './job-row';
import type { UsageQuery, UsageRow } from './usage-query';

/** A job to insert: every record field except the ones the store fills in. */
export type NewJob = Omit<JobRecord, 'seq' | 'updatedAt' | 'leaseOwner'>;

export type IdempotencyClaim = { owner: string; key: string; bodyHash: string; jobId: string };
export type IdempotencyEntry = { bodyHash: string; jobId: string };

export type InsertResult =
  | { inserted: true }
  | { inserted: false; existing: IdempotencyEntry }
  | { inserted: false; budget: BudgetRefusal };

export type UnfinishedJob = Pick<
  JobRecord,
  'id' | 'state' | 'provider' | 'nextPollAt' | 'deadlineAt' | 'pollCount' | 'parentId'
>;

/**
 * Every read and write of jobs and idempotency keys. Asynchronous so that a networked database (Postgres)
 * fits the same contract as the SQLite file; `store-contract.suite.ts` is the one test suite every
 * implementation passes.
 */
export type JobStore = {
  /**
   * Inserts jobs (and claims an Idempotency-Key) atomically; reports an existing claim instead. With `budget`,
   * and when that key has a budget, the key's spend is read and the videos' reservations written in the same
   * transaction (serialised per key, across instances), so concurrent creates never overspend; a refusal writes
   * nothing. An existing claim is reported before the budget is looked at.
   */
  insert(jobs: NewJob[], claim?: IdempotencyClaim, budget?: BudgetCheck): Promise<InsertResult>;
  get(id: string): Promise<JobRecord | undefined>;
  /** The job a provider knows by `upstreamId` (the latest, should an id ever repeat). */
  byUpstreamId(provider: string, upstreamId: string): Promise<JobRecord | undefined>;
  children(parentId: string): Promise<JobRecord[]>;
  /**
   * Applies `patch` to one job. With `onlyIn`, the write happens only while the job is in one of those
   * states and not deleted; the result says whether it happened (a compare-and-set).
   */
  update(id: string, patch: JobPatch, onlyIn?: readonly JobState[]): Promise<boolean>;
  idempotency(owner: string, key: string): Promise<IdempotencyEntry | undefined>;
  purgeIdempotencyKeys(olderThan: number): Promise<number>;
  unfinished(): Promise<UnfinishedJob[]>;
  expired(at: number): Promise<string[]>;
  /** Jobs of the request `topId` (itself or its children) not yet past their submit. */
  pendingSubmits(topId: string): Promise<number>;
  /** Top-level jobs of one owner after the cursor job; `undefined` when the cursor is not the owner's. */
  list(
    owner: string,
    options: { after: string | undefined; limit: number; order: 'asc' | 'desc' },
  ): Promise<JobRecord[] | undefined>;
  /** Usage of the jobs created in `[from, to)`, aggregated in the database (never by loading the jobs). */
  usage(query: UsageQuery): Promise<UsageRow[]>;
};
