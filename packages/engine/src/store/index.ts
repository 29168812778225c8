export type {
  Attempt,
  JobError,
  JobKind,
  JobRecord,
  JobState,
  StoredImage,
  StoredOutput,
  StoredRequest,
} from './job-record';
export { unfinishedStates } from './job-record';
export type { JobPatch } from './job-row';
export {
  createJobStore,
  type IdempotencyClaim,
  type IdempotencyEntry,
  type JobStore,
  type NewJob,
  type UnfinishedJob,
} from './job-store';
export { openDatabase, type SqliteDatabase } from './open-database';
