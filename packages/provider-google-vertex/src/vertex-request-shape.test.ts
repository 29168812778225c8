import { type ImageInput, type MatchInput, matchRequest, toSubmitRequest, UpstreamError } from '@reelay/core';
import { pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleVertexProviderSettings } from './google-vertex-settings';
import { startVertexSimulator, type VertexSimulator } from './simulator/vertex-simulator';
import { vertexOfferings } from './vertex-offerings';
import { createGoogleVertex } from './vertex-provider';

let simulator: VertexSimulator;
beforeAll(async () => {
  simulator = await startVertexSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  simulator.configure({ queueMs: 0, runMs: 0 });
});

const vertex = (extra: GoogleVertexProviderSettings = {}) =>
  createGoogleVertex({
    baseURL: simulator.baseURL,
    project: simulator.project,
    location: simulator.location,
    credentials: simulator.credentialsFile,
    ...extra,
  });
const lastRequest = () => simulator.requests.at(-1)!;

function submitRequest(model: string, input: Partial<Omit<MatchInput, 'hasImage'>> = {}, image?: ImageInput) {
  const offering = vertexOfferings.find((candidate) => candidate.model === model)!;
  const normalized = matchRequest(offering, { extra: {}, ...input, hasImage: image !== undefined });
  return toSubmitRequest({ offering, normalized, prompt: 'a lighthouse', image });
}

describe('Vertex AI request shape', () => {
  it('exchanges a signed service-account JWT for a token, then predicts with it', async () => {
    await vertex().submit(
      submitRequest(
        'veo-3.1',
        { size: '3840x2160', seconds: 8, audio: false, seed: 7, negativePrompt: 'fog' },
        {
          kind: 'data-uri',
          uri: 'data:image/png;base64,iVBORw0KGgo=',
        },
      ),
    );
    const exchange = simulator.tokenRequests.at(-1)!;
    expect(exchange.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(exchange.rawBody.toString('utf8'));
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(
      Buffer.from(form.get('assertion')!.split('.')[1]!, 'base64url').toString('utf8'),
    );
    expect(claims).toMatchObject({
      iss: simulator.serviceAccount['client_email'],
      aud: simulator.serviceAccount['token_uri'],
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
    expect(claims.exp - claims.iat).toBe(3600);

    const predict = lastRequest();
    expect(predict.path).toBe(
      `/v1/projects/${simulator.project}/locations/${simulator.location}/publishers/google/models/veo-3.1-generate-001:predictLongRunning`,
    );
    expect(predict.headers['authorization']).toBe(`Bearer ${simulator.issuedTokens.at(-1)!.token}`);
    expect(predict.json).toEqual({
      instances: [
        { prompt: 'a lighthouse', image: { bytesBase64Encoded: 'iVBORw0KGgo=', mimeType: 'image/png' } },
      ],
      parameters: {
        aspectRatio: '16:9',
        resolution: '4k',
        durationSeconds: 8,
        generateAudio: false,
        seed: 7,
        negativePrompt: 'fog',
      },
    });
  });

  it('keeps the access token until shortly before it expires, then exchanges a new one', async () => {
    simulator.setTokenLifetime(3599);
    const cached = vertex();
    await cached.submit(submitRequest('veo-3.1'));
    await cached.submit(submitRequest('veo-3.1'));
    expect(simulator.tokenRequests).toHaveLength(1);

    simulator.setTokenLifetime(60);
    const shortLived = vertex();
    await shortLived.submit(submitRequest('veo-3.1'));
    await shortLived.submit(submitRequest('veo-3.1'));
    expect(simulator.tokenRequests).toHaveLength(3);
  });

  it('polls with POST :fetchPredictOperation and reads an inline video back through content()', async () => {
    const provider = vertex();
    const { operation } = await provider.submit(
      submitRequest('veo-3.1-fast', { size: '1280x720', seconds: 4 }),
    );
    const { final } = await pollUntilDone(provider, operation);
    expect(lastRequest().path).toMatch(/veo-3\.1-fast-generate-001:fetchPredictOperation$/);
    expect(lastRequest().json).toEqual({ operationName: operation['operationName'] });
    expect(final).toEqual({
      status: 'succeeded',
      outputs: [{ variant: 'video', url: undefined, contentType: 'video/mp4' }],
      seconds: undefined,
    });
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll((await provider.content!({ operation, outputs, variant: 'video' })).body);
    expect(Buffer.from(bytes.subarray(4, 8)).toString('latin1')).toBe('ftyp');
  });

  it('sends storageUri and downloads the gs:// output from Cloud Storage with the token', async () => {
    const provider = vertex({ storageUri: 'gs://reelay-out/veo/', storageBaseURL: simulator.origin });
    const { operation } = await provider.submit(submitRequest('veo-3.1-lite', { seconds: 4 }));
    expect(lastRequest().json).toMatchObject({ parameters: { storageUri: 'gs://reelay-out/veo/' } });
    const { final } = await pollUntilDone(provider, operation);
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    expect(outputs[0]!.url).toMatch(/^gs:\/\/reelay-out\/veo\/.+\/sample_0\.mp4$/);
    const bytes = await readAll((await provider.content!({ operation, outputs, variant: 'video' })).body);
    expect(bytes.byteLength).toBeGreaterThan(100);
    expect(lastRequest().path).toMatch(/^\/storage\/v1\/b\/reelay-out\/o\//);
    expect(lastRequest().headers['authorization']).toMatch(/^Bearer ya29\./);
  });

  it('reports a safety-filtered result and an operation error as failures', async () => {
    const provider = vertex();
    simulator.setNextOutcome('fail');
    const filtered = await provider.submit(submitRequest('veo-3.1'));
    expect((await pollUntilDone(provider, filtered.operation)).final).toMatchObject({
      status: 'failed',
      error: { code: 'content_filtered', message: expect.stringContaining('Support code: 17301594') },
    });
    simulator.setNextOutcome('abort');
    const broken = await provider.submit(submitRequest('veo-3.1'));
    expect((await pollUntilDone(provider, broken.operation)).final).toMatchObject({
      status: 'failed',
      error: { code: 'rpc_13', message: 'Internal error encountered.' },
    });
  });

  it('retries once with a fresh token when Vertex answers 401', async () => {
    const provider = vertex();
    await provider.submit(submitRequest('veo-3.1'));
    simulator.injectFault({
      route: 'POST *',
      fault: {
        kind: 'status',
        status: 401,
        body: { error: { code: 401, message: 'expired', status: 'UNAUTHENTICATED' } },
      },
    });
    await provider.submit(submitRequest('veo-3.1'));
    expect(simulator.tokenRequests).toHaveLength(2);
  });

  it('names a wrong project with Google’s 403 and never shows a token or the key', async () => {
    const error = await vertex({ project: 'someone-else' })
      .submit(submitRequest('veo-3.1'))
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 403, providerCode: 'PERMISSION_DENIED' });
    const shown = JSON.stringify({ error, message: (error as Error).message });
    for (const { token } of simulator.issuedTokens) expect(shown).not.toContain(token);
    expect(shown).not.toContain('PRIVATE KEY');
  });

  it('honours RetryInfo on a 429', async () => {
    simulator.injectFault({ route: 'POST *', fault: { kind: 'rate-limit', retryAfterSeconds: 3 } });
    const error = await vertex()
      .submit(submitRequest('veo-3.1'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      statusCode: 429,
      providerCode: 'RESOURCE_EXHAUSTED',
      isRetryable: true,
      retryAfterMs: 3000,
    });
  });

  it('reads GOOGLE_VERTEX_PROJECT, GOOGLE_VERTEX_LOCATION, GOOGLE_APPLICATION_CREDENTIALS and GOOGLE_VERTEX_BASE_URL', async () => {
    const names = [
      'GOOGLE_VERTEX_PROJECT',
      'GOOGLE_VERTEX_LOCATION',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'GOOGLE_VERTEX_BASE_URL',
    ];
    process.env['GOOGLE_VERTEX_PROJECT'] = simulator.project;
    process.env['GOOGLE_VERTEX_LOCATION'] = simulator.location;
    process.env['GOOGLE_APPLICATION_CREDENTIALS'] = simulator.credentialsFile;
    process.env['GOOGLE_VERTEX_BASE_URL'] = simulator.baseURL;
    try {
      await createGoogleVertex().submit(submitRequest('veo-3.1'));
      expect(lastRequest().path).toContain(`/projects/${simulator.project}/locations/${simulator.location}/`);
    } finally {
      for (const name of names) delete process.env[name];
    }
  });
});
