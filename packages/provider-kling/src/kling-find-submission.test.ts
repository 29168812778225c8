import { UpstreamError } from '@reelay/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createKling } from './kling-provider';
import { klingSubmitRequest } from './kling-test-helpers';
import { startKlingSimulator } from './simulator/kling-simulator';

const simulator = await startKlingSimulator();
const provider = createKling({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const find = provider.findSubmission!;

afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const window = (reference: string) => ({
  reference,
  submittedAfter: 0,
  submittedBefore: Date.now() + 60_000,
});
const request = (prompt: string, reference: string) => ({ ...klingSubmitRequest(prompt), reference });

describe('Kling findSubmission (task query by external_task_id)', () => {
  it('sends the job id as external_task_id and finds the task by it', async () => {
    await provider.submit(request('another', 'video_other'));
    const lost = await provider.submit(request('the lost one', 'video_lost'));
    const create = simulator.requests.find((each) => each.method === 'POST');
    expect(create?.json).toMatchObject({ external_task_id: 'video_other' });

    await expect(find(request('the lost one', 'video_lost'), window('video_lost'))).resolves.toEqual({
      status: 'found',
      submissions: [{ operation: lost.operation, upstreamId: lost.upstreamId }],
    });
    expect(simulator.requests.at(-1)?.path).toBe('/v1/videos/text2video/video_lost');
  });

  it('proves none exists when Kling answers task not found', async () => {
    await expect(find(request('never sent', 'video_never'), window('video_never'))).resolves.toEqual({
      status: 'none',
    });
  });

  it('refuses a second create with the same external_task_id, as Kling does', async () => {
    await provider.submit(request('once', 'video_once'));
    const error = await provider.submit(request('once', 'video_once')).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error) && error.statusCode).toBe(400);
  });

  it('fails as the API does when the key is refused', async () => {
    const wrong = createKling({ apiKey: 'wrong', baseURL: simulator.baseURL });
    const error = await wrong.findSubmission!(request('x', 'video_x'), window('video_x')).catch(
      (caught: unknown) => caught,
    );
    expect(UpstreamError.isInstance(error) && error.statusCode).toBe(401);
  });
});
