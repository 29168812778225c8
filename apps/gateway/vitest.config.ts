import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

/**
 * The gateway suite runs on SQLite (`pnpm test`), and again on Postgres whenever a test server is there
 * (`REELAY_TEST_DATABASE_URL`, which `.ci/run` always sets; `pnpm test:postgres`, its own turbo task so that the
 * two runs share the machine): every test holds on both stores.
 */
const withPostgres = Boolean(process.env['REELAY_TEST_DATABASE_URL']);

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { name: 'sqlite' } },
        ...(withPostgres
          ? [{ extends: true, test: { name: 'postgres', env: { REELAY_TEST_STORE: 'postgres' } } }]
          : []),
      ],
    },
  }),
);
