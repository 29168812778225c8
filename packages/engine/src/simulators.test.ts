import { type FalSimulator, readMp4Info } from '@reelay/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimulatorSetup, startSimulatorSetup } from './test-support/simulator-setup';
import { readContent, waitFor } from './test-support/test-engine';

const open = { apiKeyId: null };

describe('engine over the real plugins and simulators', () => {
  let setup: SimulatorSetup | undefined;
  afterEach(() => setup?.close());

  it.each([
    ['openai/sora-2-pro', '1280x720', 4],
    ['fal/veo-3.1', '1280x720', 4],
    ['replicate/kling-3', '1920x1080', 5],
  ])(
    'should take %s to completion and store a playable MP4 of the asked size',
    async (model, size, seconds) => {
      setup = await startSimulatorSetup();
      const { video } = await setup.engine.createVideo(
        { model, prompt: 'a fox in the snow', size, seconds },
        open,
      );
      const done = await waitFor(async () => {
        const current = await setup!.engine.getVideo(video.id, open);
        return current.status === 'completed' || current.status === 'failed' ? current : undefined;
      }, 20_000);
      expect(done.error).toBeNull();
      expect(done.status).toBe('completed');
      expect((done.metadata['cost'] as { micros: number }).micros).toBeGreaterThan(0);
      const file = await setup.engine.openContent(video.id, 'video', open);
      const info = readMp4Info(await readContent(file));
      const [width, height] = size.split('x').map(Number);
      expect({ width: info.width, height: info.height, hasMoov: info.hasMoov }).toEqual({
        width,
        height,
        hasMoov: true,
      });
      expect(info.durationSeconds).toBeCloseTo(seconds, 0);
    },
  );

  it('should fall back from fal to replicate on a 503 and record both attempts', async () => {
    setup = await startSimulatorSetup();
    setup.simulators.fal.injectFault({ route: /^POST /, fault: { kind: 'status', status: 503 } });
    const { video } = await setup.engine.createVideo({ model: 'kling-3', prompt: 'a fox', seconds: 5 }, open);
    expect(video.metadata['attempts']).toEqual([
      expect.objectContaining({
        provider: 'fal',
        outcome: 'failed',
        error: expect.objectContaining({ status: 503 }),
      }),
      { provider: 'replicate', offering: 'replicate/kling-3', outcome: 'submitted' },
    ]);
    await waitFor(async () => (await setup!.engine.getVideo(video.id, open)).status === 'completed', 20_000);
  });

  it('should not resubmit after the provider accepted the job but never answered', async () => {
    setup = await startSimulatorSetup({ headersMs: 300 });
    setup.simulators.fal.injectFault({ route: /^POST /, fault: { kind: 'hang-after-accept' } });
    const error = await setup.engine
      .createVideo({ model: 'kling-3', prompt: 'a fox', seconds: 5 }, open)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'upstream_outcome_unknown' });
    const creates = (simulator: { requests: Array<{ method: string }> }) =>
      simulator.requests.filter((request) => request.method === 'POST').length;
    expect(creates(setup.simulators.fal)).toBe(1);
    expect(creates(setup.simulators.replicate)).toBe(0);
  });

  describe('downloads provider outputs itself, through the operator-configured URL guard', () => {
    /** fal hands out file URLs on `localhost`: a loopback origin that is neither its queue nor the simulator's. */
    const onLocalhost = (origin: string) => origin.replace('127.0.0.1', 'localhost');
    const logged: Array<{ event?: unknown; message: string }> = [];
    const logger = {
      error: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: (fields: Record<string, unknown>, message: string) =>
        logged.push({ event: fields['event'], message }),
    };

    it('should store an output on a private origin the operator allowed', async () => {
      setup = await startSimulatorSetup({
        allowOrigins: (simulators) => [onLocalhost(simulators.fal.origin)],
      });
      (setup.simulators.fal as FalSimulator).setUrlOrigins({
        files: onLocalhost(setup.simulators.fal.origin),
      });
      const { video } = await setup.engine.createVideo(
        { model: 'fal/veo-3.1', prompt: 'a fox', seconds: 4 },
        open,
      );
      const done = await waitFor(async () => {
        const current = await setup!.engine.getVideo(video.id, open);
        return current.status === 'completed' || current.status === 'failed' ? current : undefined;
      }, 20_000);
      expect(done.status).toBe('completed');
      const file = await setup.engine.openContent(video.id, 'video', open);
      expect(readMp4Info(await readContent(file)).hasMoov).toBe(true);
      const download = setup.simulators.fal.requests.find((request) => request.path.startsWith('/files/'));
      expect(download?.headers['authorization']).toBeUndefined();
    });

    it('should refuse an output on a private origin nobody allowed, and say why', async () => {
      logged.length = 0;
      setup = await startSimulatorSetup({ engine: { logger } });
      (setup.simulators.fal as FalSimulator).setUrlOrigins({
        files: onLocalhost(setup.simulators.fal.origin),
      });
      const { video } = await setup.engine.createVideo(
        { model: 'fal/veo-3.1', prompt: 'a fox', seconds: 4 },
        open,
      );
      const refusal = await waitFor(
        () =>
          logged.find((line) => line.event === 'job.poll_failed' && /could not be stored/.test(line.message)),
        20_000,
      );
      expect(refusal.message).toMatch(/loopback|private|refused/i);
      expect((await setup.engine.getVideo(video.id, open)).status).toBe('in_progress');
      expect(setup.simulators.fal.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
    });
  });
});
