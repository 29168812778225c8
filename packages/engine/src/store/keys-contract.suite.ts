import { describe, expect, it } from 'vitest';
import { newJob } from '../jobs/new-job';
import type { ApiKeyRow } from '../keys/api-key-store';
import type { BudgetCheck } from './budget-check';
import type { NewJob } from './job-store';
import type { Stores } from './stores';

let counter = 0;
const DAY = 86_400_000;
const day1 = Date.UTC(2026, 11, 1, 10);
const dayStart = Date.UTC(2026, 11, 1);
const monthStart = Date.UTC(2026, 11, 1);

function video(fields: Partial<NewJob> = {}): NewJob {
  return newJob({
    id: `video_k${String(++counter).padStart(27, '0')}`,
    owner: 'key_b',
    kind: 'single',
    state: 'submitting',
    model: 'test-model',
    requestedModel: 'test-model',
    prompt: 'a fox',
    request: { model: 'test-model', prompt: 'a fox', extra: {} },
    bodyHash: 'hash',
    size: '1280x720',
    seconds: 4,
    createdAt: day1,
    ...fields,
  });
}

const key = (
  fields: Partial<ApiKeyRow> & Pick<ApiKeyRow, 'id' | 'keyHash'>,
): Omit<ApiKeyRow, 'revokedAt'> => ({
  name: fields.id,
  scope: 'project',
  createdAt: 1,
  dailyBudgetMicros: null,
  monthlyBudgetMicros: null,
  requestsPerMinute: null,
  ...fields,
});

/** Each video of `jobs` (never a parent) reserving `micros`, for key `key_b` on day 1 unless told. */
function check(
  jobs: NewJob[],
  micros: number,
  at = { dayStart, monthStart },
  apiKeyId = 'key_b',
): BudgetCheck {
  const reservations = jobs.filter((job) => job.kind !== 'parent').map((job) => ({ jobId: job.id, micros }));
  return { apiKeyId, reservations, ...at };
}

/**
 * The store contract for API keys, their request windows and their budgets; part of `describeStoreContract`,
 * so every backend runs it.
 */
export function describeKeysContract(stores: () => Stores, setClock: (at: number) => void): void {
  describe('API keys', () => {
    it('should add, find by hash, count, list, limit and revoke keys', async () => {
      const keys = stores().apiKeys;
      await keys.add(key({ id: 'key_1', keyHash: 'h1', scope: 'admin' }));
      await keys.add(key({ id: 'key_2', keyHash: 'h2', createdAt: 2, dailyBudgetMicros: 5_000_000 }));
      expect(await keys.activeByHash('h2')).toEqual({
        ...key({ id: 'key_2', keyHash: 'h2' }),
        createdAt: 2,
        dailyBudgetMicros: 5_000_000,
        revokedAt: null,
      });
      expect(await keys.countActive()).toBe(2);
      expect(await keys.setLimits('key_2', { monthlyBudgetMicros: 90_000_000, requestsPerMinute: 60 })).toBe(
        true,
      );
      expect(await keys.setLimits('key_2', { dailyBudgetMicros: null })).toBe(true);
      expect(await keys.setLimits('key_nope', { dailyBudgetMicros: 1 })).toBe(false);
      expect(await keys.revoke('key_2', 5)).toBe(true);
      expect(await keys.revoke('key_2', 6)).toBe(true);
      expect(await keys.revoke('key_nope', 6)).toBe(false);
      expect(await keys.activeByHash('h2')).toBeUndefined();
      expect(await keys.countActive()).toBe(1);
      expect(await keys.list()).toEqual([
        { ...key({ id: 'key_1', keyHash: 'h1', scope: 'admin' }), revokedAt: null },
        {
          ...key({ id: 'key_2', keyHash: 'h2', createdAt: 2 }),
          monthlyBudgetMicros: 90_000_000,
          requestsPerMinute: 60,
          revokedAt: 5,
        },
      ]);
      await expect(keys.add(key({ id: 'key_3', keyHash: 'h1' }))).rejects.toThrow();
    });

    it('should count requests in a sliding minute and refuse, without counting, past the limit', async () => {
      const keys = stores().apiKeys;
      const minute = Date.UTC(2026, 11, 1, 10, 0);
      for (let request = 1; request <= 3; request++) {
        expect(await keys.takeRequest('key_r', 3, minute + request)).toEqual({
          allowed: true,
          windowStart: minute,
          count: request,
          previousCount: 0,
        });
      }
      expect(await keys.takeRequest('key_r', 3, minute + 50_000)).toEqual({
        allowed: false,
        windowStart: minute,
        count: 3,
        previousCount: 0,
      });
      // Half-way through the next minute the previous one weighs 3 × 0.5 = 1.5: one more fits (2.5), not two.
      const half = minute + 90_000;
      expect(await keys.takeRequest('key_r', 3, half)).toMatchObject({
        allowed: true,
        count: 1,
        previousCount: 3,
      });
      expect(await keys.takeRequest('key_r', 3, half)).toMatchObject({
        allowed: false,
        count: 1,
        previousCount: 3,
      });
      // A minute with nothing before it starts afresh; another key has a window of its own.
      expect(await keys.takeRequest('key_r', 3, minute + 5 * 60_000)).toMatchObject({
        allowed: true,
        count: 1,
      });
      expect(await keys.takeRequest('key_s', 1, half)).toMatchObject({ allowed: true, count: 1 });
    });

    it('should let exactly the limit of many concurrent requests through', async () => {
      const at = Date.UTC(2026, 11, 1, 10, 0, 1);
      const results = await Promise.all(
        Array.from({ length: 12 }, () => stores().apiKeys.takeRequest('key_c', 5, at)),
      );
      expect(results.filter((result) => result.allowed)).toHaveLength(5);
    });
  });

  describe('budgets', () => {
    const addBudgetedKey = () =>
      stores().apiKeys.add(
        key({ id: 'key_b', keyHash: 'hb', dailyBudgetMicros: 1_000_000, monthlyBudgetMicros: 1_500_000 }),
      );

    it('should reserve before insert, release a failed job, and count a completed job at its cost', async () => {
      await addBudgetedKey();
      const jobs = stores().jobs;
      const a = video({ costEstimateMicros: 300_000 });
      expect(await jobs.insert([a], undefined, check([a], 600_000))).toEqual({ inserted: true });
      const b = video({ costEstimateMicros: 500_000 });
      expect(await jobs.insert([b], undefined, check([b], 500_000))).toEqual({
        inserted: false,
        budget: { period: 'daily', limitMicros: 1_000_000, spentMicros: 600_000, requestedMicros: 500_000 },
      });
      expect(await jobs.get(b.id)).toBeUndefined();

      await jobs.update(a.id, { state: 'failed' });
      expect(await jobs.insert([b], undefined, check([b], 500_000))).toEqual({ inserted: true });
      const c = video();
      expect(await jobs.insert([c], undefined, check([c], 400_000))).toEqual({ inserted: true });
      // The actual cost (0.10) replaces b's reservation (0.50): 0.10 + 0.40 spent, so 0.50 more fits exactly.
      await jobs.update(b.id, { state: 'completed', costMicros: 100_000 });
      const d = video();
      expect(await jobs.insert([d], undefined, check([d], 500_000))).toEqual({ inserted: true });

      // The next day's budget is whole again, but the month's is not: 1.00 of 1.50 spent.
      const nextDay = { dayStart: dayStart + DAY, monthStart };
      const e = video({ createdAt: day1 + DAY });
      expect(await jobs.insert([e], undefined, check([e], 600_000, nextDay))).toEqual({
        inserted: false,
        budget: {
          period: 'monthly',
          limitMicros: 1_500_000,
          spentMicros: 1_000_000,
          requestedMicros: 600_000,
        },
      });
      expect(await jobs.insert([e], undefined, check([e], 500_000, nextDay))).toEqual({ inserted: true });
    });

    it('should reserve for each child of n, report an existing claim first, and keep a refused claim unwritten', async () => {
      await addBudgetedKey();
      const jobs = stores().jobs;
      const parent = video({ kind: 'parent', state: 'parent', costEstimateMicros: 900_000 });
      const children = [0, 1, 2].map((index) =>
        video({ kind: 'child', parentId: parent.id, childIndex: index }),
      );
      const request = [parent, ...children];
      const claim = { owner: 'key_b', key: 'n3', bodyHash: 'h', jobId: parent.id };
      expect(await jobs.insert(request, claim, check(request, 400_000))).toMatchObject({
        inserted: false,
        budget: { period: 'daily', spentMicros: 0, requestedMicros: 1_200_000 },
      });
      expect(await jobs.idempotency('key_b', 'n3')).toBeUndefined();
      expect(await jobs.insert(request, claim, check(request, 300_000))).toEqual({ inserted: true });
      // A retry of the accepted request is a replay, not a second spend, even with the budget now spent.
      expect(await jobs.insert(request, claim, check(request, 300_000))).toEqual({
        inserted: false,
        existing: { bodyHash: 'h', jobId: parent.id },
      });
      const other = video();
      expect(await jobs.insert([other], undefined, check([other], 200_000))).toMatchObject({
        inserted: false,
        budget: { spentMicros: 900_000 },
      });
    });

    it("should hold a key without a budget to nothing, and count only the key's own jobs", async () => {
      await addBudgetedKey();
      await stores().apiKeys.add(key({ id: 'key_free', keyHash: 'hf' }));
      const jobs = stores().jobs;
      const free = video({ owner: 'key_free' });
      expect(await jobs.insert([free], undefined, check([free], 50_000_000, undefined, 'key_free'))).toEqual({
        inserted: true,
      });
      const mine = video();
      expect(await jobs.insert([mine], undefined, check([mine], 1_000_000))).toEqual({ inserted: true });
    });

    it('should never let concurrent creates racing one budget overspend it', async () => {
      await addBudgetedKey();
      setClock(day1);
      const racers = Array.from({ length: 10 }, () => video());
      const results = await Promise.all(
        racers.map((racer) => stores().jobs.insert([racer], undefined, check([racer], 300_000))),
      );
      // 1.00 a day at 0.30 each: three fit, whichever three win.
      expect(results.filter((result) => result.inserted)).toHaveLength(3);
      expect(results.filter((result) => !result.inserted && 'budget' in result)).toHaveLength(7);
    });
  });
}
