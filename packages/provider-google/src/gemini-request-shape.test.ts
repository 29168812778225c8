import {
  type MatchInput,
  matchRequest,
  toSubmitRequest,
  UnsupportedCapabilityError,
  UpstreamError,
} from '@reelay/core';
import { pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { geminiOfferings } from './gemini-offerings';
import { createGoogle } from './gemini-provider';
import { type GeminiSimulator, startGeminiSimulator } from './simulator/gemini-simulator';

let simulator: GeminiSimulator;
beforeAll(async () => {
  simulator = await startGeminiSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  simulator.configure({ queueMs: 0, runMs: 0 });
});

const google = (apiKey = simulator.apiKey) =>
  createGoogle({ apiKey, baseURL: simulator.baseURL, downloadOrigins: [simulator.storageOrigin] });
const lastRequest = () => simulator.requests.at(-1)!;

function submitRequest(model: string, input: Partial<Omit<MatchInput, 'hasImage'>> = {}) {
  const offering = geminiOfferings.find((candidate) => candidate.model === model)!;
  return toSubmitRequest({
    offering,
    normalized: matchRequest(offering, { extra: {}, ...input, hasImage: false }),
    prompt: 'waves at night',
    image: undefined,
  });
}

describe('Gemini API request shape', () => {
  it('posts instances and parameters to :predictLongRunning with the key in x-goog-api-key only', async () => {
    const { operation } = await google().submit(
      submitRequest('veo-3.1-preview', {
        size: '1080x1920',
        seconds: 6,
        audio: true,
        negativePrompt: 'text',
      }),
    );
    const request = lastRequest();
    expect(request.path).toBe('/v1beta/models/veo-3.1-generate-preview:predictLongRunning');
    expect(request.headers['x-goog-api-key']).toBe(simulator.apiKey);
    expect(request.query).toEqual({});
    expect(request.json).toEqual({
      instances: [{ prompt: 'waves at night' }],
      parameters: { aspectRatio: '9:16', resolution: '1080p', durationSeconds: 6, negativePrompt: 'text' },
    });
    expect(operation['operationName']).toMatch(/^models\/veo-3\.1-generate-preview\/operations\//);
  });

  it('is no candidate for a seed, which the Gemini API refuses', () => {
    const offering = geminiOfferings[0]!;
    expect(() => matchRequest(offering, { extra: {}, seed: 3, hasImage: false })).toThrow(
      UnsupportedCapabilityError,
    );
  });

  it('downloads with the key, then follows the redirect to storage without it', async () => {
    const provider = google();
    const { operation } = await provider.submit(submitRequest('veo-3.1-lite-preview', { seconds: 4 }));
    const { final } = await pollUntilDone(provider, operation);
    expect(lastRequest()).toMatchObject({ method: 'GET', path: `/v1beta/${operation['operationName']}` });
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    expect(outputs).toEqual([{ variant: 'video', url: undefined, contentType: 'video/mp4' }]);
    const bytes = await readAll((await provider.content!({ operation, outputs, variant: 'video' })).body);
    expect(bytes.byteLength).toBeGreaterThan(100);
    const download = lastRequest();
    expect(download.path).toMatch(/^\/v1beta\/files\/[^/]+:download$/);
    expect(download.headers['x-goog-api-key']).toBe(simulator.apiKey);
  });

  it('reports a safety-filtered result as a failure with Google’s reason', async () => {
    simulator.setNextOutcome('fail');
    const provider = google();
    const { operation } = await provider.submit(submitRequest('veo-3.1-fast-preview'));
    expect((await pollUntilDone(provider, operation)).final).toMatchObject({
      status: 'failed',
      error: { code: 'content_filtered', message: expect.stringContaining('Support codes: 58061214') },
    });
  });

  it('maps a wrong key to Google’s 400 INVALID_ARGUMENT without repeating the key', async () => {
    const error = await google('AIza-wrong-key')
      .submit(submitRequest('veo-3.1-preview'))
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, providerCode: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toContain('API key not valid');
    expect(JSON.stringify(error)).not.toContain('AIza-wrong-key');
  });

  it('answers like the shut-down API when told to: 404, no longer available', async () => {
    simulator.setShutDown(true);
    const error = await google()
      .submit(submitRequest('veo-3.1-preview'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 404, providerCode: 'NOT_FOUND' });
    expect((error as Error).message).toContain('is no longer available');
  });
});
