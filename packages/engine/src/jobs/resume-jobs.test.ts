import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../store';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { waitFor } from '../test-support/test-engine';
import { newJob } from './new-job';

const context = { apiKeyId: null };

describe('resume on start', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should finish every job of a stopped engine with no extra submission', async () => {
    setup.alpha.pollsToFinish = Number.POSITIVE_INFINITY;
    const ids: string[] = [];
    for (let index = 0; index < 10; index++) {
      ids.push(
        (await setup.engine.createVideo({ model: 'test-model', prompt: `clip ${index}` }, context)).video.id,
      );
    }
    await waitFor(async () => {
      const videos = await Promise.all(ids.map((id) => setup.engine.getVideo(id, context)));
      return videos.every((video) => video.status === 'in_progress');
    });
    await setup.engine.stop();

    setup.alpha.pollsToFinish = 0;
    const restarted = setup.restart();
    await waitFor(async () => {
      const videos = await Promise.all(ids.map((id) => restarted.getVideo(id, context)));
      return videos.every((video) => video.status === 'completed');
    });
    expect(setup.alpha.submitRequests).toBe(10);
    expect(setup.beta.submitRequests).toBe(0);
    for (const id of ids)
      await expect(restarted.openContent(id, 'video', context)).resolves.toMatchObject({ size: 4120 });
  });

  it('should fail, not resubmit, a job whose submit was in flight when the engine stopped', async () => {
    setup.alpha.failNextSubmits({ kind: 'delay', ms: 500 });
    const pending = setup.engine
      .createVideo({ model: 'test-model', prompt: 'slow' }, context)
      .catch((e) => e);
    await waitFor(async () => setup.alpha.submitRequests === 1);
    const [job] = (await setup.engine.listVideos(context, {})).data;
    expect(job?.status).toBe('queued');

    // A second engine on the same data dir, as after a crash mid-submit.
    const restarted = setup.restart();
    const failed = await waitFor(async () => {
      const video = await restarted.getVideo(job!.id, context);
      return video.status === 'failed' ? video : undefined;
    });
    expect(failed.error).toMatchObject({ code: 'submit_interrupted' });
    expect(failed.error?.message).toMatch(
      /stopped while submitting.*alpha offers no way to look a submission up.*Check the alpha dashboard/,
    );
    expect(failed.metadata['attempts']).toEqual([
      { provider: 'alpha', offering: 'alpha/test-model', outcome: 'interrupted' },
    ]);
    await pending;
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(1);
  });

  it('should submit on start a job stored but never sent', async () => {
    const stores = openSqliteStores(setup.dataDir);
    const now = Date.now();
    await stores.jobs.insert([
      newJob({
        id: 'video_000000000000000000000001',
        owner: '',
        kind: 'single',
        state: 'queued_local',
        model: 'test-model',
        requestedModel: 'test-model',
        prompt: 'never sent',
        request: { model: 'test-model', prompt: 'never sent', seconds: 8, extra: {} },
        bodyHash: 'x',
        size: '1280x720',
        seconds: 8,
        createdAt: now,
        deadlineAt: now + 60_000,
      }),
    ]);
    await stores.close();

    const restarted = setup.restart();
    const done = await waitFor(async () => {
      const video = await restarted.getVideo('video_000000000000000000000001', context);
      return video.status === 'completed' ? video : undefined;
    });
    expect(done.metadata).toMatchObject({ provider: 'alpha', cost: { micros: 800_000 } });
    expect(setup.alpha.submitRequests).toBe(1);
  });
});
