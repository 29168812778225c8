import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

/**
 * The gateway suite runs on SQLite (`pnpm test`), and again on Postgres whenever a test server is there
 * (`REELAY_TEST_DATABASE_URL`, which `.ci/run` always sets; `pnpm test:postgres`, its own turbo task so that the
 * two runs share the machine): every test holds on both stores.
 *
 * Two files run at once: most of this suite waits on child processes, simulators and timers rather than the CPU, and
 * one file at a time (vitest's default on two cores) made the Postgres run CI's critical path.
 */
const withPostgres = Boolean(process.env['REELAY_TEST_DATABASE_URL']);

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      maxWorkers: 2,
      projects: [
        { extends: true, test: { name: 'sqlite' } },
        ...(withPostgres
          ? [{ extends: true, test: { name: 'postgres', env: { REELAY_TEST_STORE: 'postgres' } } }]
          : []),
      ],
    },
  }),
);
