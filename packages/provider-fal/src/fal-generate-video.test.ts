import { generateVideo, UpstreamError, VideoGenerationError } from '@reelay/core';
import { startFalSimulator } from '@reelay/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createFal } from './fal-provider';

/** Core's `generateVideo` poll policy, against the fal queue simulator with injected faults. */
const simulator = await startFalSimulator({ behavior: { queueMs: 0, runMs: 0 } });
const provider = createFal({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const request = {
  provider,
  model: 'wan-2.7',
  prompt: 'a fox',
  seconds: 3,
  pollBackoff: { initialMs: 5, maxMs: 10 },
};
const statusPolls = () => simulator.requests.filter((recorded) => recorded.path.endsWith('/status')).length;
const cancels = () => simulator.requests.filter((recorded) => recorded.path.endsWith('/cancel'));

describe('generateVideo', () => {
  it('polls through transient failures (503, reset) until the job finishes', async () => {
    simulator.configure({ queueMs: 0, runMs: 60 });
    simulator.injectFault({ route: /^GET .*\/status$/, times: 2, fault: { kind: 'status', status: 503 } });
    simulator.injectFault({ route: /^GET .*\/status$/, times: 1, fault: { kind: 'reset' } });
    const result = await generateVideo(request);
    expect(result.outputs.length).toBeGreaterThan(0);
    expect(statusPolls()).toBeGreaterThan(3);
  });

  it('gives up at once on a failure that will not pass (401)', async () => {
    simulator.configure({ queueMs: 0, runMs: 2000 });
    simulator.injectFault({ route: /^GET .*\/status$/, fault: { kind: 'status', status: 401 } });
    const error = await generateVideo(request).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error) && error.statusCode).toBe(401);
    expect(statusPolls()).toBe(1);
  });

  it('cancels the upstream job when the caller aborts', async () => {
    simulator.configure({ queueMs: 0, runMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    await expect(generateVideo({ ...request, abortSignal: controller.signal })).rejects.toThrow();
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]?.method).toBe('PUT');
  });

  it('cancels the upstream job and says so when the timeout passes', async () => {
    simulator.configure({ queueMs: 0, runMs: 10_000 });
    const error = await generateVideo({ ...request, timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(VideoGenerationError.isInstance(error) && error.code).toBe('timeout');
    expect(cancels()).toHaveLength(1);
  });
});
