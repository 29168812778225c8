import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { outputFilesOnDisk, waitFor } from '../test-support/test-engine';

const open = { apiKeyId: null };

describe('n > 1', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should run n child jobs, each tracked, priced and failed on its own', async () => {
    setup.alpha.failNextSubmits({ kind: 'status', status: 503 }); // one child falls back to beta
    const { video } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'three foxes', n: 3, seconds: 4 },
      open,
    );
    expect(video.metadata).toMatchObject({ n: 3, cost_estimate: { micros: 1_200_000 } });
    const children = video.metadata['children'] as Array<{ id: string; provider: string }>;
    expect(children).toHaveLength(3);
    expect(children.map((child) => child.provider).sort()).toEqual(['alpha', 'alpha', 'beta']);
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(4);
    expect(video.metadata['normalization']).toContainEqual(
      expect.objectContaining({ param: 'n', action: 'emulated' }),
    );

    const done = await waitFor(async () => {
      const parent = await setup.engine.getVideo(video.id, open);
      return parent.status === 'completed' ? parent : undefined;
    });
    // alpha 4 s × 0.10 twice + beta 4 s × 0.20
    expect(done.metadata['cost']).toEqual({ usd: '1.60', micros: 1_600_000 });
    for (const child of children) {
      const one = await setup.engine.getVideo(child.id, open);
      expect(one).toMatchObject({ status: 'completed', metadata: { parent_id: video.id } });
      await expect(setup.engine.openContent(child.id, 'video', open)).resolves.toBeDefined();
    }
    await expect(setup.engine.openContent(video.id, 'video', open)).resolves.toBeDefined();
    expect((await setup.engine.listVideos(open, {})).data.map((item) => item.id)).toEqual([video.id]);
  });

  it('should complete a parent when some children succeed, and fail it when none do', async () => {
    setup.alpha.outcome = 'fail';
    setup.alpha.failNextSubmits({ kind: 'status', status: 503 }); // that child goes to beta and succeeds
    const mixed = await setup.engine.createVideo({ model: 'test-model', prompt: 'x', n: 2 }, open);
    const allFail = await setup.engine.createVideo({ model: 'alpha/test-model', prompt: 'y', n: 2 }, open);
    const settled = (id: string) =>
      waitFor(async () => {
        const parent = await setup.engine.getVideo(id, open);
        return parent.status === 'completed' || parent.status === 'failed' ? parent : undefined;
      });
    const partial = await settled(mixed.video.id);
    expect(partial.status).toBe('completed');
    const children = partial.metadata['children'] as Array<{ status: string; error: unknown }>;
    expect(children.map((child) => child.status).sort()).toEqual(['completed', 'failed']);
    expect(partial.metadata['cost']).toEqual({ usd: '0.80', micros: 800_000 });
    const failed = await settled(allFail.video.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'all_children_failed' }, output: null });
  });
});

describe('deleteVideo', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should cancel a running job upstream and answer 404 afterwards', async () => {
    setup.alpha.pollsToFinish = Number.POSITIVE_INFINITY;
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    await expect(setup.engine.deleteVideo(video.id, open)).resolves.toEqual({
      id: video.id,
      object: 'video.deleted',
      deleted: true,
    });
    const upstream = [...setup.alpha.jobs.values()][0]!;
    expect(upstream).toMatchObject({ canceled: true, deleted: true });
    await expect(setup.engine.getVideo(video.id, open)).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect((await setup.engine.listVideos(open, {})).data).toEqual([]);
    await expect(setup.engine.deleteVideo(video.id, open)).rejects.toMatchObject({ status: 404 });
  });

  it('should remove the stored outputs of a finished job', async () => {
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    await waitFor(async () => (await setup.engine.getVideo(video.id, open)).status === 'completed');
    expect(outputFilesOnDisk(setup.dataDir, video.id)).toContainEqual(expect.stringMatching(/^video-/));
    await setup.engine.deleteVideo(video.id, open);
    expect(outputFilesOnDisk(setup.dataDir, video.id)).toEqual([]);
    expect([...setup.alpha.jobs.values()][0]).toMatchObject({ canceled: false, deleted: true });
  });
});

describe('API keys', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should store keys hashed, verify them, and revoke them', async () => {
    const { id, key } = await setup.engine.apiKeys.create('ci');
    expect(key).toMatch(/^rly_[\w-]{43}$/);
    const none = { dailyBudgetMicros: null, monthlyBudgetMicros: null, requestsPerMinute: null };
    expect(await setup.engine.apiKeys.verify(key)).toEqual({ id, scope: 'project', limits: none });
    expect(await setup.engine.apiKeys.verify(`${key}x`)).toBeUndefined();
    expect(await setup.engine.apiKeys.count()).toBe(1);
    expect(await setup.engine.apiKeys.list()).toEqual([
      { id, name: 'ci', scope: 'project', created_at: expect.any(Number), revoked: false, limits: none },
    ]);
    await setup.engine.apiKeys.revoke(id);
    expect(await setup.engine.apiKeys.verify(key)).toBeUndefined();
    expect(await setup.engine.apiKeys.count()).toBe(0);
    await expect(setup.engine.apiKeys.revoke('key_nope')).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });

  it('should keep each key to its own jobs', async () => {
    const a = { apiKeyId: (await setup.engine.apiKeys.create('a')).id };
    const b = { apiKeyId: (await setup.engine.apiKeys.create('b')).id };
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'mine' }, a);
    await waitFor(async () => (await setup.engine.getVideo(video.id, a)).status === 'completed');
    await expect(setup.engine.getVideo(video.id, b)).rejects.toThrow(
      expect.objectContaining({ status: 404, code: 'video_not_found' }),
    );
    await expect(setup.engine.getVideo(video.id, open)).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect((await setup.engine.listVideos(b, {})).data).toEqual([]);
    await expect(setup.engine.openContent(video.id, 'video', b)).rejects.toMatchObject({ status: 404 });
    await expect(setup.engine.deleteVideo(video.id, b)).rejects.toMatchObject({ status: 404 });
    await expect(setup.engine.remixVideo(video.id, 'again', b)).rejects.toMatchObject({ status: 404 });
    expect((await setup.engine.listVideos(a, {})).data.map((item) => item.id)).toEqual([video.id]);
  });
});

describe('listVideos', () => {
  it('should paginate with after, limit and order', async () => {
    const setup = await startFakeSetup();
    try {
      const ids: string[] = [];
      for (let index = 0; index < 5; index++) {
        ids.push(
          (await setup.engine.createVideo({ model: 'test-model', prompt: `${index}` }, open)).video.id,
        );
      }
      const first = await setup.engine.listVideos(open, { limit: 2 });
      expect(first).toMatchObject({ object: 'list', has_more: true, first_id: ids[4], last_id: ids[3] });
      const second = await setup.engine.listVideos(open, { limit: 2, after: first.last_id! });
      expect(second.data.map((video) => video.id)).toEqual([ids[2], ids[1]]);
      const asc = await setup.engine.listVideos(open, { order: 'asc', after: ids[2] });
      expect(asc).toMatchObject({ has_more: false, first_id: ids[3], last_id: ids[4] });
      await expect(setup.engine.listVideos(open, { limit: 0 })).rejects.toThrow(
        expect.objectContaining({ param: 'limit' }),
      );
      await expect(setup.engine.listVideos(open, { after: 'video_nope' })).rejects.toThrow(
        expect.objectContaining({ param: 'after' }),
      );
    } finally {
      await setup.close();
    }
  });
});

describe('listVideos leaves out refused creates', () => {
  it('should not list a create that failed with nothing created, and still fill each page', async () => {
    const setup = await startFakeSetup();
    try {
      const made = async (prompt: string) =>
        (await setup.engine.createVideo({ model: 'test-model', prompt }, open)).video.id;
      const first = await made('first');
      setup.alpha.failNextSubmits({ kind: 'status', status: 503 });
      setup.beta.failNextSubmits({ kind: 'status', status: 503 });
      const refused = await setup.engine
        .createVideo({ model: 'test-model', prompt: 'refused' }, open)
        .catch((e) => e);
      expect(refused).toMatchObject({ code: 'all_providers_failed' });
      const last = await made('last');

      const all = await setup.engine.listVideos(open, {});
      expect(all.data.map((video) => video.id)).toEqual([last, first]);
      const page = await setup.engine.listVideos(open, { limit: 1 });
      expect(page).toMatchObject({ first_id: last, has_more: true });
      const next = await setup.engine.listVideos(open, { limit: 1, after: page.last_id! });
      expect(next).toMatchObject({ first_id: first, last_id: first, has_more: false });
    } finally {
      await setup.close();
    }
  });
});

describe('remixVideo', () => {
  it('should remix at the provider that made the original', async () => {
    const setup = await startFakeSetup({}, { remix: true });
    try {
      const { video } = await setup.engine.createVideo({ model: 'beta/test-model', prompt: 'a fox' }, open);
      await expect(setup.engine.remixVideo(video.id, 'a wolf', open)).rejects.toMatchObject({
        status: 409,
        code: 'video_not_ready',
      });
      await waitFor(async () => (await setup.engine.getVideo(video.id, open)).status === 'completed');
      const remix = await setup.engine.remixVideo(video.id, 'a wolf', open);
      expect(remix).toMatchObject({
        remixed_from_video_id: video.id,
        prompt: 'a wolf',
        metadata: { provider: 'beta' },
      });
      await waitFor(async () => (await setup.engine.getVideo(remix.id, open)).status === 'completed');
      expect([...setup.beta.jobs.values()].filter((job) => job.remixOf !== undefined)).toHaveLength(1);
      expect(setup.alpha.jobs.size).toBe(0);
    } finally {
      await setup.close();
    }
  });

  it('should refuse with a clear 400 where the provider cannot remix', async () => {
    const setup = await startFakeSetup();
    try {
      const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'a fox' }, open);
      await waitFor(async () => (await setup.engine.getVideo(video.id, open)).status === 'completed');
      const error = await setup.engine.remixVideo(video.id, 'a wolf', open).catch((e) => e);
      expect(error).toMatchObject({ status: 400, code: 'remix_unsupported' });
      expect(error.message).toMatch(/alpha cannot remix test-model videos/);
    } finally {
      await setup.close();
    }
  });
});
