import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newJob } from '../../jobs/new-job';
import { freshDatabase, testDatabaseServer } from '../../test-support/test-database';
import type { NewJob } from '../job-store';
import type { Stores } from '../stores';
import { openPostgresStores } from './open-postgres-stores';

const server = testDatabaseServer();

let counter = 0;
function job(fields: Partial<NewJob> = {}): NewJob {
  return newJob({
    id: `video_lease_${String(++counter).padStart(16, '0')}`,
    owner: 'key_a',
    kind: 'single',
    state: 'submitted',
    model: 'test-model',
    requestedModel: 'test-model',
    prompt: 'a fox',
    request: { model: 'test-model', prompt: 'a fox', extra: {} },
    bodyHash: 'hash',
    size: '1280x720',
    seconds: 4,
    createdAt: 1_000,
    provider: 'alpha',
    ...fields,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Three instances on one database, as three gateway processes would open it. */
describe.skipIf(server === undefined)('Postgres leases', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Stores;
  let b: Stores;
  let c: Stores;

  beforeEach(async () => {
    database = await freshDatabase(server!);
    a = await openPostgresStores(database.url, { instanceId: 'a' });
    b = await openPostgresStores(database.url, { instanceId: 'b' });
    c = await openPostgresStores(database.url, { instanceId: 'c' });
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close(), c.close()]);
    await database.drop();
  });

  it('should give the inserting instance the lease, and leave a live instance its jobs', async () => {
    const mine = job();
    await a.jobs.insert([mine]);
    expect((await b.jobs.get(mine.id))?.leaseOwner).toBe('a');
    await a.leases!.heartbeat(60_000);
    expect(await b.leases!.claimOrphans(60_000, 100)).toEqual([]);
  });

  it('should split a dead instance’s unfinished jobs between the claimers, each job to exactly one', async () => {
    const jobs = Array.from({ length: 300 }, (_, index) =>
      job({ state: index % 3 === 0 ? 'submitting' : index % 3 === 1 ? 'queued_local' : 'in_progress' }),
    );
    const done = job({ state: 'completed' });
    const deleted = job({ deletedAt: 2_000 });
    await a.jobs.insert([...jobs, done, deleted]);
    await a.leases!.heartbeat(60_000);
    await sleep(1_500); // a stops beating; b and c are alive (their heartbeats are fresh within 5 s)
    await b.leases!.heartbeat(5_000);
    await c.leases!.heartbeat(5_000);

    const claims = await Promise.all([b, c, b, c].map((stores) => stores.leases!.claimOrphans(1_000, 100)));
    const claimed = claims.flat().map((each) => each.id);
    for (;;) {
      await c.leases!.heartbeat(5_000); // c stays alive: only a's jobs are orphans
      const more = await b.leases!.claimOrphans(1_000, 100);
      if (more.length === 0) break;
      claimed.push(...more.map((each) => each.id));
    }
    expect(claimed.length).toBe(jobs.length);
    expect(new Set(claimed)).toEqual(new Set(jobs.map((each) => each.id)));
    expect(claims.flat()[0]).toMatchObject({ provider: 'alpha', pollCount: 0 });
    for (const each of jobs.slice(0, 5)) {
      expect(['b', 'c']).toContain((await a.jobs.get(each.id))?.leaseOwner);
    }
    expect((await a.jobs.get(done.id))?.leaseOwner).toBe('a');
  });

  it('should claim in insertion order and read on after the last job of the previous batch', async () => {
    const jobs = Array.from({ length: 10 }, () => job());
    await a.jobs.insert(jobs);
    await a.leases!.release();
    const ids = jobs.map((each) => each.id);
    const first = await b.leases!.claimOrphans(60_000, 4);
    expect(first.map((each) => each.id)).toEqual(ids.slice(0, 4));
    await b.leases!.release(); // hands the first four back: a cursor still reads on past them
    const second = await c.leases!.claimOrphans(60_000, 4, first.at(-1)!.id);
    expect(second.map((each) => each.id)).toEqual(ids.slice(4, 8));
    // An id the store does not know (say, a job purged meanwhile) starts the scan over.
    const again = await c.leases!.claimOrphans(60_000, 100, 'video_gone');
    expect(again.map((each) => each.id)).toEqual([...ids.slice(0, 4), ...ids.slice(8)]);
  });

  it('should hand every job over at once when its instance releases them (a clean shutdown)', async () => {
    const jobs = [job(), job({ state: 'queued_local' })];
    await a.jobs.insert(jobs);
    await a.leases!.heartbeat(60_000);
    await b.leases!.heartbeat(60_000);
    expect(await b.leases!.claimOrphans(60_000, 100)).toEqual([]);
    await a.leases!.release();
    expect((await b.leases!.claimOrphans(60_000, 100)).map((each) => each.id).sort()).toEqual(
      jobs.map((each) => each.id).sort(),
    );
    expect((await b.leases!.heartbeat(60_000)).instances).toBe(2); // b and c; a left
  });

  it('should move a tracked job to the instance its provider webhook reached, and no other job', async () => {
    const tracked = job({ state: 'in_progress' });
    const finished = job({ state: 'completed' });
    const submitting = job({ state: 'submitting' });
    await a.jobs.insert([tracked, finished, submitting]);
    expect(await b.leases!.take(tracked.id)).toBe(true);
    expect((await a.jobs.get(tracked.id))?.leaseOwner).toBe('b');
    expect(await b.leases!.take(finished.id)).toBe(false);
    expect(await b.leases!.take(submitting.id)).toBe(false);
    expect((await a.jobs.get(submitting.id))?.leaseOwner).toBe('a');
  });

  it('should count the live instances for the budget share', async () => {
    for (const stores of [a, b, c]) await stores.leases!.heartbeat(60_000);
    expect((await a.leases!.heartbeat(60_000)).instances).toBe(3);
    await sleep(1_500);
    expect((await a.leases!.heartbeat(1_000)).instances).toBe(1);
  });

  it('should share one value between instances: the first stored wins', async () => {
    const values = await Promise.all([
      a.leases!.shared('webhook_secret', 'whsec_a'),
      b.leases!.shared('webhook_secret', 'whsec_b'),
      c.leases!.shared('webhook_secret', 'whsec_c'),
    ]);
    expect(new Set(values).size).toBe(1);
    expect(await a.leases!.shared('webhook_secret', 'whsec_later')).toBe(values[0]);
  });
});
