// `pnpm test:postgres`: the gateway suite again on Postgres, as its own turbo task so that it runs beside the SQLite
// run instead of after it. Without a test server (`REELAY_TEST_DATABASE_URL`, which `.ci/run` sets) it says so and
// passes: `pnpm test` on a machine without Postgres still runs everything else.
import { spawn } from 'node:child_process';

if (!process.env.REELAY_TEST_DATABASE_URL) {
  console.log(
    'gateway on Postgres: skipped, REELAY_TEST_DATABASE_URL is not set (`bash .ci/start-postgres.sh` prints one).',
  );
  process.exit(0);
}
const vitest = spawn('vitest', ['run', '--project', 'postgres'], { stdio: 'inherit', shell: false });
vitest.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
