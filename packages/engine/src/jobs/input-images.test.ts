import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { renderPng } from '@reelay/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-types';
import { encodeDataUri } from '../images';
import { createFakeProvider } from '../test-support/fake-provider';
import { type FakeUpstream, startFakeUpstream } from '../test-support/fake-upstream';
import { tempDataDir, testEngine } from '../test-support/test-engine';

const open = { apiKeyId: null };
const png = new Uint8Array(renderPng({ width: 128, height: 72 }));

describe('input_reference', () => {
  let images: Server;
  let imageOrigin: string;
  let uploads: FakeUpstream;
  let urls: FakeUpstream;
  let data: ReturnType<typeof tempDataDir>;
  let engine: Engine;

  beforeAll(async () => {
    images = createServer((request, response) => {
      const body = request.url === '/fox.png' ? png : new TextEncoder().encode('not an image');
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.byteLength) });
      response.end(body);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    imageOrigin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => images.close(() => resolve())));

  beforeEach(async () => {
    [uploads, urls] = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
    data = tempDataDir();
    // alpha (cheaper) takes uploads or data URIs; beta only URLs.
    engine = testEngine(
      [
        createFakeProvider({ id: 'alpha', baseURL: uploads.origin, imageAccepts: ['upload', 'data-uri'] }),
        createFakeProvider({ id: 'beta', baseURL: urls.origin, imageAccepts: ['url'] }),
      ],
      data.dir,
      { trustedOrigins: [uploads.origin, urls.origin, imageOrigin] },
    );
    engine.start();
  });
  afterEach(async () => {
    await engine.stop();
    await Promise.all([uploads.close(), urls.close()]);
    data.remove();
  });

  const submittedBody = (upstream: FakeUpstream) => [...upstream.jobs.values()][0]?.body;

  it('should hand an upload to a provider that takes uploads, as image-to-video', async () => {
    const { video } = await engine.createVideo(
      {
        model: 'test-model',
        prompt: 'animate',
        input_reference: {
          kind: 'upload',
          data: png,
          mediaType: 'application/octet-stream',
          filename: 'fox.png',
        },
      },
      open,
    );
    expect(video.metadata['provider']).toBe('alpha');
    expect(submittedBody(uploads)).toMatchObject({
      model: 'fake-i2v',
      image_upload: { mediaType: 'image/png', filename: 'fox.png', size: png.byteLength },
    });
    expect(readdirSync(join(data.dir, 'inputs'))).toEqual([]); // released once submitted
  });

  it('should skip a URL-only provider for a data URI, with the reason in the dry run', async () => {
    const request = {
      model: 'test-model',
      prompt: 'animate',
      input_reference: encodeDataUri(png, 'image/png'),
    };
    const plan = await engine.dryRun(request, open);
    expect(plan.route.map((route) => route.offering)).toEqual(['alpha/test-model']);
    expect(plan.skipped).toEqual([
      { provider: 'beta', offering: 'beta/test-model', reason: expect.stringMatching(/only as a URL/) },
    ]);
    await engine.createVideo({ ...request, provider: { only: ['alpha'] } }, open);
    expect(submittedBody(uploads)?.['image_upload']).toBeDefined();
  });

  it('should pass a checked URL as is to a provider that fetches URLs', async () => {
    const url = `${imageOrigin}/fox.png`;
    const { video } = await engine.createVideo(
      {
        model: 'test-model',
        prompt: 'animate',
        input_reference: { image_url: url },
        provider: { only: ['beta'] },
      },
      open,
    );
    expect(video.metadata['provider']).toBe('beta');
    expect(submittedBody(urls)).toMatchObject({ image_url: url });
  });

  it.each([
    ['https://127.0.0.1/fox.png', 'unsafe_url'],
    ['http://169.254.169.254/latest/meta-data/', 'unsafe_url'],
    ['https://[::1]/fox.png', 'unsafe_url'],
    ['ftp://example.com/fox.png', 'unsafe_url'],
  ])('should refuse %s at create with a 400 naming input_reference', async (url, code) => {
    const error = await engine
      .createVideo({ model: 'test-model', prompt: 'animate', input_reference: url }, open)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 400, code, param: 'input_reference' });
    expect(uploads.submitRequests + urls.submitRequests).toBe(0);
  });

  it('should refuse a URL whose bytes are not an image', async () => {
    const error = await engine
      .createVideo(
        { model: 'test-model', prompt: 'animate', input_reference: `${imageOrigin}/notes.txt` },
        open,
      )
      .catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'invalid_image', param: 'input_reference' });
  });
});
