import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { outputFilesOnDisk, waitFor } from '../test-support/test-engine';

const open = { apiKeyId: null };

describe('tracker', () => {
  let setup: FakeSetup | undefined;
  afterEach(() => setup?.close());

  it('should cancel upstream and fail a job past its deadline', async () => {
    setup = await startFakeSetup({ jobDeadlineMs: 300 });
    setup.alpha.pollsToFinish = Number.POSITIVE_INFINITY;
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'forever' }, open);
    const failed = await waitFor(async () => {
      const current = await setup!.engine.getVideo(video.id, open);
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.error).toMatchObject({ code: 'deadline_exceeded' });
    expect(failed.error?.message).toMatch(/was cancelled at Fake alpha/);
    expect([...setup.alpha.jobs.values()][0]?.canceled).toBe(true);
    expect(setup.engine.metricsText()).toMatch(
      /reelay_jobs_failed_total\{provider="alpha",code="deadline_exceeded"\} 1/,
    );
  });

  it('should keep progress current and store an upstream failure as the job error', async () => {
    setup = await startFakeSetup();
    setup.alpha.pollsToFinish = 4;
    setup.alpha.outcome = 'fail';
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    const running = await waitFor(async () => {
      const current = await setup!.engine.getVideo(video.id, open);
      return current.status === 'in_progress' && current.progress > 0 ? current : undefined;
    });
    expect(running.progress).toBeLessThan(100);
    const failed = await waitFor(async () => {
      const current = await setup!.engine.getVideo(video.id, open);
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.error).toEqual({ code: 'generation_failed', message: 'Fake alpha: the model refused' });
    expect(failed.output).toBeNull();
    expect(failed.metadata['cost']).toBeNull();
  });

  it('should retry a failed download and complete afterwards', async () => {
    setup = await startFakeSetup();
    setup.alpha.failContent = 2;
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    await waitFor(async () => (await setup!.engine.getVideo(video.id, open)).status === 'completed');
    await expect(setup.engine.openContent(video.id, 'video', open)).resolves.toMatchObject({
      contentType: 'video/mp4',
    });
  });

  it('should remove outputs past their retention and say so', async () => {
    setup = await startFakeSetup({ retentionMs: 200, sweepIntervalMs: 50 });
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    await waitFor(async () => (await setup!.engine.getVideo(video.id, open)).status === 'completed');
    expect(outputFilesOnDisk(setup.dataDir, video.id)).not.toEqual([]);
    // The sweeper runs at most once a second.
    const expired = await waitFor(async () => {
      const current = await setup!.engine.getVideo(video.id, open);
      return current.metadata['output_expired'] ? current : undefined;
    }, 5000);
    expect(outputFilesOnDisk(setup.dataDir, video.id)).toEqual([]);
    expect(expired.output).toBeNull();
    await expect(setup.engine.openContent(video.id, 'video', open)).rejects.toMatchObject({
      status: 404,
      code: 'output_expired',
    });
  });
});
