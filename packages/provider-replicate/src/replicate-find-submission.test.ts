import { UpstreamError } from '@reelay/core';
import { startReplicateSimulator } from '@reelay/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createReplicate } from './replicate-provider';
import { submitRequest } from './replicate-test-support';

// Two predictions a page, so a search reads several pages through `next`.
const simulator = await startReplicateSimulator({ listPageSize: 2 });
const provider = createReplicate({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
const find = provider.findSubmission!;

afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const window = (from: number) => ({
  reference: 'video_ref',
  submittedAfter: from,
  submittedBefore: Date.now() + 60_000,
});
const request = (prompt: string, seconds = 5) => submitRequest('kling-3', prompt, { seconds });

describe('Replicate findSubmission (GET /predictions)', () => {
  it('finds the prediction the lost create made, by model and input, across pages', async () => {
    const from = Date.now() - 1000;
    for (let index = 0; index < 5; index++) await provider.submit(request(`other ${index}`));
    const lost = await provider.submit(request('the lost one'));
    await provider.submit(request('the lost one', 10));
    for (let index = 0; index < 3; index++) await provider.submit(request(`later ${index}`));

    await expect(find(request('the lost one'), window(from))).resolves.toEqual({
      status: 'found',
      submissions: [{ operation: lost.operation, upstreamId: lost.upstreamId }],
    });
    const listed = simulator.requests.filter(
      (each) => each.method === 'GET' && each.path === '/v1/predictions',
    );
    expect(listed.length).toBe(5);
    expect(listed[0]?.query).toMatchObject({ created_after: new Date(from).toISOString() });
  });

  it('proves none exists when no prediction of the window matches', async () => {
    const from = Date.now() - 1000;
    await provider.submit(request('something else'));
    await expect(find(request('never sent'), window(from))).resolves.toEqual({ status: 'none' });
  });

  it('ignores predictions created before the window', async () => {
    await provider.submit(request('old one'));
    await expect(find(request('old one'), window(Date.now() + 5000))).resolves.toEqual({ status: 'none' });
  });

  it('fails as the API does when the token is refused', async () => {
    const wrong = createReplicate({ baseURL: simulator.baseURL, apiKey: 'r8_wrong' });
    const error = await wrong.findSubmission!(request('x'), window(0)).catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error) && error.statusCode).toBe(401);
  });
});
