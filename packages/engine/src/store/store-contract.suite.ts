import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newJob } from '../jobs/new-job';
import type { NewJob } from './job-store';
import { describeKeysContract } from './keys-contract.suite';
import type { Stores } from './stores';

/** Opens a fresh, empty, migrated backend whose stores read the time from `now`. */
export type OpenStores = (now: () => number) => Promise<Stores>;

let counter = 0;
const jobId = () => `video_${String(++counter).padStart(28, '0')}`;

/** A job as the engine would insert it, for store tests; `fields` override. */
export function job(fields: Partial<NewJob> = {}): NewJob {
  const id = fields.id ?? jobId();
  return newJob({
    id,
    owner: 'key_a',
    kind: 'single',
    state: 'queued_local',
    model: 'test-model',
    requestedModel: 'test-model',
    prompt: 'a fox',
    request: { model: 'test-model', prompt: 'a fox', seconds: 4, extra: { style: { x: [1, 'two'] } } },
    bodyHash: 'hash',
    size: '1280x720',
    seconds: 4,
    createdAt: 1_000,
    ...fields,
  });
}

/**
 * The store contract: every backend (SQLite, Postgres, a third party's) runs this suite. It pins the
 * behaviour the engine relies on: atomic idempotency claims, compare-and-set updates, exclusive delivery
 * claims, and values that round-trip unchanged.
 */
export function describeStoreContract(name: string, open: OpenStores): void {
  describe(`store contract: ${name}`, () => {
    let stores: Stores;
    let clock = 10_000;
    const now = () => clock;

    beforeEach(async () => {
      clock = 10_000;
      stores = await open(now);
    });
    afterEach(async () => {
      await stores.close();
    });

    describe('jobs', () => {
      it('should round-trip every field of a job unchanged', async () => {
        const inserted = job({
          provider: 'alpha',
          offeringId: 'alpha/test-model',
          upstreamModel: 'alpha-v1',
          upstreamId: 'up_1',
          operation: { id: 'up_1', nested: { list: [1, 2.5, null, 'x'] } },
          tier: '720p',
          audio: true,
          normalization: [
            { param: 'size', requested: '16:9', sent: { size: '1280x720' }, action: 'converted' },
          ],
          warnings: [{ type: 'other', message: 'duration snapped' }],
          attempts: [{ provider: 'alpha', offering: 'alpha/test-model', outcome: 'submitted' }],
          submitAttempt: 2,
          progress: 40,
          costEstimateMicros: 800_000,
          error: { code: 'x', message: 'y' },
          createError: { status: 502, type: 'upstream_error', code: null, param: null, message: 'm' },
          outputs: [{ variant: 'video', file: 'video.mp4', size: 1234, contentType: 'video/mp4' }],
          inputImage: {
            file: 'inputs/a.png',
            mediaType: 'image/png',
            width: 10,
            height: 20,
            bytes: 30,
            filename: 'a.png',
          },
          seconds: 4.5,
          deadlineAt: 99_999_999_999,
          nextPollAt: 12_345,
        });
        expect(await stores.jobs.insert([inserted])).toEqual({ inserted: true });
        const read = await stores.jobs.get(inserted.id);
        expect(read).toEqual({
          ...inserted,
          seq: expect.any(Number),
          updatedAt: 10_000,
          // The inserting instance holds the lease where instances share the store; no one where one owns it.
          leaseOwner: stores.leases?.instanceId ?? null,
        });
        expect(await stores.jobs.get('video_missing')).toBeUndefined();
      });

      it('should claim an Idempotency-Key once and report the existing claim to a second insert', async () => {
        const first = job();
        const claim = { owner: 'key_a', key: 'k1', bodyHash: 'h1', jobId: first.id };
        expect(await stores.jobs.insert([first], claim)).toEqual({ inserted: true });
        const second = job();
        expect(await stores.jobs.insert([second], { ...claim, bodyHash: 'h2', jobId: second.id })).toEqual({
          inserted: false,
          existing: { bodyHash: 'h1', jobId: first.id },
        });
        expect(await stores.jobs.get(second.id)).toBeUndefined();
        expect(await stores.jobs.idempotency('key_a', 'k1')).toEqual({ bodyHash: 'h1', jobId: first.id });
        expect(await stores.jobs.idempotency('key_b', 'k1')).toBeUndefined();
      });

      it('should let exactly one of many concurrent inserts claim the same key', async () => {
        const jobs = Array.from({ length: 8 }, () => job());
        const results = await Promise.all(
          jobs.map((each) =>
            stores.jobs.insert([each], { owner: 'key_a', key: 'race', bodyHash: 'h', jobId: each.id }),
          ),
        );
        expect(results.filter((result) => result.inserted)).toHaveLength(1);
      });

      it('should purge keys older than the cut-off and keep the others', async () => {
        const old = job();
        await stores.jobs.insert([old], { owner: '', key: 'old', bodyHash: 'h', jobId: old.id });
        clock = 20_000;
        const fresh = job();
        await stores.jobs.insert([fresh], { owner: '', key: 'fresh', bodyHash: 'h', jobId: fresh.id });
        expect(await stores.jobs.purgeIdempotencyKeys(15_000)).toBe(1);
        expect(await stores.jobs.idempotency('', 'old')).toBeUndefined();
        expect(await stores.jobs.idempotency('', 'fresh')).toBeDefined();
      });

      it('should update only while the job is in the given states and not deleted', async () => {
        const inserted = job({ state: 'submitting' });
        await stores.jobs.insert([inserted]);
        clock = 11_000;
        expect(
          await stores.jobs.update(inserted.id, { state: 'submitted', upstreamId: 'u' }, ['submitting']),
        ).toBe(true);
        expect(await stores.jobs.update(inserted.id, { state: 'failed' }, ['submitting'])).toBe(false);
        expect(await stores.jobs.get(inserted.id)).toMatchObject({
          state: 'submitted',
          upstreamId: 'u',
          updatedAt: 11_000,
        });
        await stores.jobs.update(inserted.id, { deletedAt: 12_000 });
        expect(await stores.jobs.update(inserted.id, { progress: 50 }, ['submitted'])).toBe(false);
        expect(await stores.jobs.update(inserted.id, { progress: 50 })).toBe(true);
        expect(await stores.jobs.update('video_missing', { progress: 1 })).toBe(false);
        await stores.jobs.update(inserted.id, { operation: null, error: null, audio: false });
        expect(await stores.jobs.get(inserted.id)).toMatchObject({
          operation: null,
          error: null,
          audio: false,
        });
      });

      it('should find jobs by upstream id, children in order, and pending submits of a request', async () => {
        const parent = job({ kind: 'parent', state: 'parent' });
        const children = [1, 0].map((index) =>
          job({ kind: 'child', parentId: parent.id, childIndex: index, state: 'submitting' }),
        );
        await stores.jobs.insert([parent, ...children]);
        expect((await stores.jobs.children(parent.id)).map((child) => child.childIndex)).toEqual([0, 1]);
        expect(await stores.jobs.pendingSubmits(parent.id)).toBe(2);
        await stores.jobs.update(children[0]!.id, {
          state: 'submitted',
          provider: 'alpha',
          upstreamId: 'u9',
        });
        expect(await stores.jobs.pendingSubmits(parent.id)).toBe(1);
        expect((await stores.jobs.byUpstreamId('alpha', 'u9'))?.id).toBe(children[0]!.id);
        expect(await stores.jobs.byUpstreamId('beta', 'u9')).toBeUndefined();
      });

      it('should list unfinished jobs oldest first, and expired outputs', async () => {
        const running = job({ state: 'in_progress', provider: 'alpha', nextPollAt: 5 });
        const done = job({ state: 'completed', expiresAt: 9_000 });
        const later = job({ state: 'completed', expiresAt: 90_000 });
        const gone = job({ state: 'submitted', deletedAt: 1 });
        const queued = job({ state: 'queued_local' });
        await stores.jobs.insert([running, done, later, gone, queued]);
        expect(await stores.jobs.unfinished()).toEqual([
          {
            id: running.id,
            state: 'in_progress',
            provider: 'alpha',
            nextPollAt: 5,
            deadlineAt: null,
            pollCount: 0,
            parentId: null,
          },
          expect.objectContaining({ id: queued.id, state: 'queued_local' }),
        ]);
        expect(await stores.jobs.expired(10_000)).toEqual([done.id]);
        await stores.jobs.update(done.id, { outputsRemovedAt: 10_000 });
        expect(await stores.jobs.expired(10_000)).toEqual([]);
      });

      it("should page an owner's top-level jobs both ways and refuse another owner's cursor", async () => {
        const mine = [job(), job(), job(), job({ deletedAt: 5 }), job()];
        const theirs = job({ owner: 'key_b' });
        const child = job({ kind: 'child', parentId: mine[0]!.id, childIndex: 0 });
        for (const each of [...mine, theirs, child]) await stores.jobs.insert([each]);
        const ids = (list: Array<{ id: string }> | undefined) => list?.map((each) => each.id);
        const live = [mine[0]!.id, mine[1]!.id, mine[2]!.id, mine[4]!.id];
        expect(ids(await stores.jobs.list('key_a', { after: undefined, limit: 10, order: 'asc' }))).toEqual(
          live,
        );
        expect(ids(await stores.jobs.list('key_a', { after: undefined, limit: 2, order: 'desc' }))).toEqual([
          live[3],
          live[2],
        ]);
        expect(ids(await stores.jobs.list('key_a', { after: live[1], limit: 10, order: 'asc' }))).toEqual([
          live[2],
          live[3],
        ]);
        expect(
          await stores.jobs.list('key_a', { after: theirs.id, limit: 10, order: 'asc' }),
        ).toBeUndefined();
      });
    });

    describe('usage', () => {
      const day1 = Date.UTC(2026, 11, 1);
      const day2 = Date.UTC(2026, 11, 2);
      const day3 = Date.UTC(2026, 11, 3);
      const hour = 3_600_000;
      const zero = {
        jobs: 0,
        videos: 0,
        videosCompleted: 0,
        videosFailed: 0,
        videosUnpriced: 0,
        seconds: 0,
        costMicros: 0,
        costEstimateMicros: 0,
      };

      /** Two keys, two models, two providers and a video no provider took, over two days plus one outside. */
      async function insertUsage(): Promise<void> {
        const m1 = { model: 'm1', provider: 'alpha' };
        const parent = job({ model: 'm2', kind: 'parent', state: 'parent', createdAt: day2 + hour });
        parent.costEstimateMicros = 2_000_000; // a parent's quote repeats its children's: never counted
        await stores.jobs.insert([
          job({ ...m1, state: 'completed', seconds: 4, costMicros: 400_000, createdAt: day1 }),
          job({ ...m1, state: 'failed', seconds: 8, costEstimateMicros: 800_000, createdAt: day1 + hour }),
          job({ ...m1, state: 'completed', seconds: 2, costMicros: 100_000, createdAt: day1, deletedAt: 1 }),
          job({ ...m1, state: 'completed', seconds: 9, costMicros: 999, createdAt: day3 }),
          job({ ...m1, owner: 'key_b', state: 'completed', seconds: 4, createdAt: day2 }),
          job({ model: 'm1', owner: 'key_b', state: 'failed', createdAt: day2 + 2 * hour }),
        ]);
        await stores.jobs.insert([
          parent,
          job({
            ...parent,
            id: jobId(),
            kind: 'child',
            parentId: parent.id,
            childIndex: 0,
            state: 'completed',
            provider: 'beta',
            seconds: 5.5,
            costMicros: 550_000,
          }),
          job({
            ...parent,
            id: jobId(),
            kind: 'child',
            parentId: parent.id,
            childIndex: 1,
            state: 'in_progress',
            provider: 'alpha',
            costEstimateMicros: 1_000_000,
          }),
        ]);
      }

      it('should total videos, requests, seconds and cost in [from, to), deleted jobs included', async () => {
        await insertUsage();
        expect(await stores.jobs.usage({ from: day1, to: day3, owner: undefined, groupBy: [] })).toEqual([
          {
            jobs: 6,
            videos: 7,
            videosCompleted: 4,
            videosFailed: 2,
            videosUnpriced: 1,
            seconds: 15.5,
            costMicros: 1_050_000,
            costEstimateMicros: 1_000_000,
          },
        ]);
        expect(await stores.jobs.usage({ from: day1, to: day1, owner: undefined, groupBy: [] })).toEqual([
          zero,
        ]);
      });

      it('should group by day and provider in one order, a missing provider last', async () => {
        await insertUsage();
        const rows = await stores.jobs.usage({
          from: day1,
          to: day3,
          owner: undefined,
          groupBy: ['provider', 'day'],
        });
        expect(rows).toEqual([
          {
            ...zero,
            day: '2026-12-01',
            provider: 'alpha',
            jobs: 3,
            videos: 3,
            videosCompleted: 2,
            videosFailed: 1,
            seconds: 6,
            costMicros: 500_000,
          },
          {
            ...zero,
            day: '2026-12-02',
            provider: 'alpha',
            jobs: 2,
            videos: 2,
            videosCompleted: 1,
            videosUnpriced: 1,
            seconds: 4,
            costEstimateMicros: 1_000_000,
          },
          {
            ...zero,
            day: '2026-12-02',
            provider: 'beta',
            jobs: 1,
            videos: 1,
            videosCompleted: 1,
            seconds: 5.5,
            costMicros: 550_000,
          },
          { ...zero, day: '2026-12-02', provider: null, jobs: 1, videos: 1, videosFailed: 1 },
        ]);
      });

      it("should count a request once per model and keep to one key's jobs when asked", async () => {
        await insertUsage();
        expect(
          await stores.jobs.usage({ from: day1, to: day3, owner: 'key_a', groupBy: ['model', 'key'] }),
        ).toEqual([
          {
            ...zero,
            owner: 'key_a',
            model: 'm1',
            jobs: 3,
            videos: 3,
            videosCompleted: 2,
            videosFailed: 1,
            seconds: 6,
            costMicros: 500_000,
          },
          {
            ...zero,
            owner: 'key_a',
            model: 'm2',
            jobs: 1,
            videos: 2,
            videosCompleted: 1,
            seconds: 5.5,
            costMicros: 550_000,
            costEstimateMicros: 1_000_000,
          },
        ]);
        expect(await stores.jobs.usage({ from: 0, to: day3 * 2, owner: 'key_b', groupBy: ['key'] })).toEqual([
          {
            ...zero,
            owner: 'key_b',
            jobs: 2,
            videos: 2,
            videosCompleted: 1,
            videosFailed: 1,
            videosUnpriced: 1,
            seconds: 4,
          },
        ]);
        expect(await stores.jobs.usage({ from: 0, to: day3, owner: 'key_c', groupBy: ['day'] })).toEqual([]);
      });
    });

    describe('webhook deliveries', () => {
      const delivery = (jobIdValue: string) => ({
        eventId: `evt_${jobIdValue}`,
        jobId: jobIdValue,
        url: 'https://example.com/hook',
        type: 'video.completed',
        payload: '{"a":1}',
      });

      it('should store one event per job and hand each due event to exactly one claimer', async () => {
        expect(await stores.deliveries.add(delivery('j1'))).toBe(true);
        expect(await stores.deliveries.add({ ...delivery('j1'), eventId: 'evt_other' })).toBe(false);
        await stores.deliveries.add(delivery('j2'));
        expect(await stores.deliveries.nextDueAt()).toBe(10_000);
        const claims = await Promise.all([
          stores.deliveries.claimDue(10_000, 10, 50_000),
          stores.deliveries.claimDue(10_000, 10, 50_000),
        ]);
        const claimed = claims.flat().map((each) => each.jobId);
        expect(claimed.sort()).toEqual(['j1', 'j2']);
        expect(claims.flat()[0]).toMatchObject({
          url: 'https://example.com/hook',
          payload: '{"a":1}',
          attempts: 0,
        });
        expect(await stores.deliveries.claimDue(49_999, 10, 90_000)).toEqual([]);
        expect(await stores.deliveries.nextDueAt()).toBe(50_000);
        // A claim whose lease ran out (its sender died) is due again.
        expect((await stores.deliveries.claimDue(50_000, 1, 90_000)).length).toBe(1);
      });

      it('should record delivered, retried and given-up attempts', async () => {
        await stores.deliveries.add(delivery('j1'));
        await stores.deliveries.add(delivery('j2'));
        await stores.deliveries.add(delivery('j3'));
        await stores.deliveries.claimDue(10_000, 10, 40_000);
        await stores.deliveries.delivered('evt_j1');
        await stores.deliveries.retryAt('evt_j2', 20_000, 'HTTP 500');
        await stores.deliveries.gaveUp('evt_j3', 'refused');
        expect(await stores.deliveries.nextDueAt()).toBe(20_000);
        const [again] = await stores.deliveries.claimDue(30_000, 10, 40_000);
        expect(again).toMatchObject({ jobId: 'j2', attempts: 1 });
        await stores.deliveries.postpone('evt_j2', 31_000);
        expect(await stores.deliveries.nextDueAt()).toBe(31_000);
        await stores.deliveries.delivered('evt_j2');
        expect(await stores.deliveries.nextDueAt()).toBeUndefined();
        await stores.deliveries.postpone('evt_j2', 1); // a finished delivery stays finished
        expect(await stores.deliveries.nextDueAt()).toBeUndefined();
      });
    });

    describeKeysContract(
      () => stores,
      (at) => {
        clock = at;
      },
    );
  });
}
