/** Helpers for tests that run the engine's stores against real servers (`@reelay/engine/testing`). */
export { databaseText, freshDatabase, testDatabaseServer } from './test-support/test-database';
export { startTestS3, type TestS3 } from './test-support/test-s3';
