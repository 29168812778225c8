import { UpstreamError } from '@reelay/core';
import { startOpenAISimulator } from '@reelay/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { submitRequestFor } from './__fixtures__/openai-fixtures';
import { createOpenAI } from './openai-provider';

const simulator = await startOpenAISimulator();
const provider = createOpenAI({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
const find = provider.findSubmission!;

afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const window = (from: number) => ({
  reference: 'video_ref',
  submittedAfter: from,
  submittedBefore: Date.now() + 60_000,
});
const request = (prompt: string) => submitRequestFor('sora-2-pro', prompt, { size: '1280x720', seconds: 4 });

describe('OpenAI findSubmission (GET /videos)', () => {
  it('finds the one video the lost create made, among others, across pages', async () => {
    const from = Date.now() - 1000;
    // 120 others: the listing is read over two pages of 100 (`after` = the last id).
    for (let index = 0; index < 120; index++) await provider.submit(request(`other ${index}`));
    const lost = await provider.submit(request('the lost one'));
    for (let index = 0; index < 3; index++) await provider.submit(request(`later ${index}`));
    await provider.submit(submitRequestFor('sora-2-pro', 'the lost one', { size: '720x1280', seconds: 4 }));

    await expect(find(request('the lost one'), window(from))).resolves.toEqual({
      status: 'found',
      submissions: [{ operation: lost.operation, upstreamId: lost.upstreamId }],
    });
    const listed = simulator.requests.filter((each) => each.method === 'GET' && each.path === '/v1/videos');
    expect(listed.map((each) => each.query['after'] !== undefined)).toEqual([false, true]);
  });

  it('proves none exists when no video of the window matches', async () => {
    const from = Date.now() - 1000;
    await provider.submit(request('something else'));
    await expect(find(request('never sent'), window(from))).resolves.toEqual({ status: 'none' });
  });

  it('answers every match when identical requests were made, for the engine to refuse to guess', async () => {
    const from = Date.now() - 1000;
    await provider.submit(request('twice'));
    await provider.submit(request('twice'));
    const result = await find(request('twice'), window(from));
    expect(result.status === 'found' && result.submissions.length).toBe(2);
  });

  it('ignores videos created before the window', async () => {
    await provider.submit(request('old one'));
    await expect(find(request('old one'), window(Date.now() + 5000))).resolves.toEqual({ status: 'none' });
  });

  it('fails as the API does when the key is refused', async () => {
    const wrong = createOpenAI({ baseURL: simulator.baseURL, apiKey: 'sk-wrong' });
    const error = await wrong.findSubmission!(request('x'), window(0)).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error) && error.statusCode).toBe(401);
  });
});
