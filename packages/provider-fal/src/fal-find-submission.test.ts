import { UpstreamError } from '@reelay/core';
import { startFalSimulator } from '@reelay/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createFal } from './fal-provider';
import { falSubmitRequest } from './fal-test-helpers';

// Jobs stay queued for the whole test: 107 submits on a slow machine outlast the default queue time.
const simulator = await startFalSimulator({ behavior: { queueMs: 60_000 } });
const provider = createFal({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
const find = provider.findSubmission!;

afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const window = (from: number) => ({
  reference: 'video_ref',
  submittedAfter: from,
  submittedBefore: Date.now() + 60_000,
});
const request = (prompt: string, seconds = 4) => falSubmitRequest('veo-3.1', prompt, { seconds });

describe('fal findSubmission (platform API: GET /models/requests/by-endpoint)', () => {
  it('finds the queued request the lost submit made, across pages, and its operation polls', async () => {
    const from = Date.now() - 1000;
    // 105 others: two pages of 100 through `next_cursor`.
    for (let index = 0; index < 105; index++) await provider.submit(request(`other ${index}`));
    const lost = await provider.submit(request('the lost one'));
    await provider.submit(request('the lost one', 8));

    const result = await find(request('the lost one'), window(from));
    expect(result).toMatchObject({ status: 'found', submissions: [{ upstreamId: lost.upstreamId }] });
    const listed = simulator.requests.filter((each) => each.path === '/v1/models/requests/by-endpoint');
    expect(listed.map((each) => each.query['cursor'] !== undefined)).toEqual([false, true]);
    expect(listed[0]?.query).toMatchObject({ endpoint_id: 'fal-ai/veo3.1', expand: 'payloads' });
    if (result.status !== 'found') throw new Error('unreachable');
    await expect(provider.poll(result.submissions[0]!.operation)).resolves.toMatchObject({
      status: 'queued',
    });
  });

  it('cannot prove a request absent: no match is unknown, never none', async () => {
    const from = Date.now() - 1000;
    await provider.submit(request('something else'));
    const result = await find(request('never sent'), window(from));
    expect(result).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/still queued may not be listed/),
    });
  });

  it('fails as the API does when the key is refused', async () => {
    const wrong = createFal({ baseURL: simulator.baseURL, apiKey: 'wrong' });
    const error = await wrong.findSubmission!(request('x'), window(0)).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error) && error.statusCode).toBe(401);
  });
});
