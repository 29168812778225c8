import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { repoRoot } from './processes';

export type BenchPostgres = {
  /** Where the server came from, for the report. */
  origin: string;
  /** A new, empty database on the server; dropped again by `stop`. */
  freshDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

const OWN_SERVER_DIR = '/tmp/reelay-bench-postgres';

/**
 * The Postgres the bench measures against: `REELAY_BENCH_DATABASE_URL` when set (an operator's own server),
 * otherwise Debian's, started on loopback by `.ci/start-postgres.sh` (which installs it when missing) and removed
 * at the end.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const given = process.env['REELAY_BENCH_DATABASE_URL'];
  const env = { ...process.env, REELAY_PG_DIR: OWN_SERVER_DIR };
  const script = `${repoRoot}.ci/start-postgres.sh`;
  const adminUrl =
    given ??
    execFileSync('bash', [script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    origin:
      given === undefined
        ? "Debian's postgresql on loopback, started by the bench"
        : 'REELAY_BENCH_DATABASE_URL',
    async freshDatabase(name) {
      const database = `reelay_bench_${name}_${process.pid}`;
      await admin((client) =>
        client
          .query(`DROP DATABASE IF EXISTS ${database}`)
          .then(() => client.query(`CREATE DATABASE ${database}`)),
      );
      created.push(database);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      return url.toString();
    },
    async stop() {
      if (given === undefined) {
        execFileSync('bash', [script, 'stop'], { env, stdio: 'ignore' });
        return;
      }
      await admin(async (client) => {
        for (const database of created)
          await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      });
    },
  };
}
