import { randomBytes } from 'node:crypto';
import pg from 'pg';

const variable = 'REELAY_TEST_DATABASE_URL';

/**
 * The Postgres server the tests use (`REELAY_TEST_DATABASE_URL`, set by `.ci/run` from `.ci/start-postgres.sh`).
 * Unset: `undefined`, with a loud note, so a laptop without Postgres can still run the rest; under CI a missing
 * server is an error, never a silent skip.
 */
export function testDatabaseServer(): string | undefined {
  const url = process.env[variable];
  if (url) return url;
  if (process.env['CI'])
    throw new Error(`${variable} is not set: .ci/run must start Postgres for the tests.`);
  console.warn(
    `\n*** ${variable} is not set: the Postgres tests are SKIPPED. Start one with\n` +
      `***   export ${variable}=$(bash .ci/start-postgres.sh)\n`,
  );
  return undefined;
}

/** A new, empty database on the test server, and how to drop it. */
export async function freshDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `reelay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Every row of every table of a test database, as one text, for tests that check what was (not) stored. */
export async function databaseText(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${name}"`);
      parts.push(JSON.stringify(rows));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}
