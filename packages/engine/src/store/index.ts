export type { BudgetCheck, BudgetPeriod, BudgetRefusal } from './budget-check';
export type {
  Attempt,
  JobError,
  JobKind,
  JobRecord,
  JobState,
  StoredImage,
  StoredInputMedia,
  StoredOutput,
  StoredRequest,
  StoredVideo,
} from './job-record';
export { unfinishedStates } from './job-record';
export type { JobPatch } from './job-row';
export type {
  IdempotencyClaim,
  IdempotencyEntry,
  InsertResult,
  JobStore,
  NewJob,
  UnfinishedJob,
} from './job-store';
export type { LeaseStore } from './lease-store';
export { isPostgresUrl, type OpenStoresOptions, openStores } from './open-stores';
export { openPostgresStores, type PostgresStoreOptions } from './postgres/open-postgres-stores';
export { migrateDatabase, migratePostgres, postgresSchemaVersion } from './postgres/postgres-migrations';
export { openDatabase, type SqliteDatabase } from './sqlite/open-database';
export { openSqliteStores } from './sqlite/open-sqlite-stores';
export type { Stores } from './stores';
export { type UsageGroup, type UsageQuery, type UsageRow, usageGroups } from './usage-query';
