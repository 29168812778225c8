import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStores } from '@reelay/engine';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { startBenchPostgres } from './bench-postgres';
import { createTemplateJob } from './measure-tracker-load';
import { killAllChildren, startSimulatorProcess } from './processes';
import { seedInFlightJobs } from './seed-in-flight-jobs';
import { median } from './stats';

/*
 * `pnpm --filter @reelay/bench compare:pg-boss`: what the tracker's database work per poll costs with Reelay's
 * leases (the job's row is read and updated; which instance polls is one heartbeat row per instance) against the
 * bookkeeping pg-boss would add if each poll were a pg-boss job (fetched, completed, and the next one scheduled).
 * The figures go to the "How tracking is shared" part of docs/deploy.md by hand; this is a design comparison,
 * not a regression figure, so `pnpm bench` does not run it.
 */

const JOBS = 5_000;
const CONCURRENCY = 8;
const ROUNDS = 3;
/** pg-boss fetch sizes: one (polls fall due one by one at a budget of 10 a second) and ten (a backlog). */
const BATCHES = [1, 10];
const DAY_MS = 24 * 60 * 60 * 1000;

const postgres = await startBenchPostgres();
const workDir = mkdtempSync(join(tmpdir(), 'reelay-pg-boss-'));
try {
  const reelayUrl = await postgres.freshDatabase('leases');
  const simulator = await startSimulatorProcess({ queueMs: DAY_MS, runMs: 0 });
  const database = { dataDir: workDir, databaseUrl: reelayUrl };
  const templateId = await createTemplateJob(simulator, database);
  await simulator.stop();
  const now = Date.now();
  await seedInFlightJobs(database, {
    templateId,
    copies: JOBS - 1,
    dueCount: 0,
    dueAt: now,
    laterAt: now + DAY_MS,
  });
  const ids = await jobIds(reelayUrl);

  const stores = await openPostgresStores(reelayUrl, { instanceId: 'compare' });
  const boss = new PgBoss(await postgres.freshDatabase('pgboss'));
  boss.on('error', (error) => process.stderr.write(`pg-boss: ${String(error)}\n`));
  await boss.start();
  await boss.createQueue('poll');

  const reelayPoll = async (id: string) => {
    const job = await stores.jobs.get(id);
    if (!job) throw new Error(`job ${id} is gone`);
    await stores.jobs.update(
      id,
      { state: 'in_progress', progress: 10, pollCount: job.pollCount + 1, nextPollAt: Date.now() + 15_000 },
      ['submitted', 'in_progress'],
    );
  };
  const reelay: number[] = [];
  const pgBoss = new Map<number, number[]>(BATCHES.map((batch) => [batch, []]));
  for (let round = 0; round < ROUNDS; round++) {
    reelay.push(await perPollMicros(() => inParallel(ids, CONCURRENCY, reelayPoll)));
    for (const batch of BATCHES) {
      await boss.insert(
        'poll',
        ids.map((id) => ({ data: { id } })),
      );
      pgBoss.get(batch)!.push(await perPollMicros(() => drainPolls(boss, batch)));
    }
  }
  const rounds = (values: number[]) =>
    `${median(values).toFixed(0)} µs (rounds: ${values.map((each) => each.toFixed(0)).join(', ')})`;
  process.stdout.write(`${JOBS} polls × ${ROUNDS} rounds, ${CONCURRENCY} at once\n`);
  process.stdout.write(`Reelay, the job row read and updated: ${rounds(reelay)} per poll\n`);
  for (const [batch, values] of pgBoss)
    process.stdout.write(
      `pg-boss, fetched ${batch} at a time, completed, next scheduled: ${rounds(values)} more per poll\n`,
    );
  await boss.stop({ graceful: false });
  await stores.close();
} finally {
  killAllChildren();
  await postgres.stop();
  rmSync(workDir, { recursive: true, force: true });
}

async function jobIds(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: string }>('SELECT id FROM jobs ORDER BY seq')).rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

async function perPollMicros(run: () => Promise<void>): Promise<number> {
  const startedAt = performance.now();
  await run();
  return ((performance.now() - startedAt) * 1000) / JOBS;
}

async function inParallel(ids: string[], lanes: number, each: (id: string) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < ids.length) await each(ids[next++]!);
    }),
  );
}

/** Every due poll fetched in batches, completed, and its next poll scheduled (as a new pg-boss job; a day away, so that it never falls due during the run). */
async function drainPolls(boss: PgBoss, batchSize: number): Promise<void> {
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const jobs = await boss.fetch<{ id: string }>('poll', { batchSize });
        if (jobs.length === 0) return;
        await boss.complete(
          'poll',
          jobs.map((job) => job.id),
        );
        await boss.insert(
          'poll',
          jobs.map((job) => ({ data: job.data, startAfter: new Date(Date.now() + DAY_MS) })),
        );
      }
    }),
  );
}
