import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestS3, type TestS3 } from '@reelay/engine/testing';
import { readMp4Info, renderPng } from '@reelay/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

/**
 * `REELAY_STORAGE_URL` end to end: a real S3-compatible server (s3rver) on loopback, the gateway's real AWS SDK
 * over real HTTP, the official openai SDK and plain fetch as clients. Nothing of a video touches the data dir.
 */
describe('outputs on S3-compatible storage', () => {
  let s3: TestS3;
  let gateway: TestGateway;
  let client: OpenAI;

  beforeAll(async () => {
    s3 = await startTestS3({ prefix: 'prod/reelay' });
    gateway = await startTestGateway({
      env: s3.env,
      // Short retention, so the sweeper's removal from the bucket is seen within the test.
      configure: (config) => {
        config.retentionMs = 1500;
      },
    });
    client = new OpenAI({ apiKey: 'not-needed-on-loopback', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await s3?.close();
  });

  it('should store the outputs in the bucket and serve them whole and by Range', async () => {
    const image = await toFile(renderPng({ width: 1280, height: 720, seed: 'dock' }), 'frame.png', {
      type: 'image/png',
    });
    const created = await client.videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'a boat leaves the dock',
      seconds: '4',
      size: '1280x720',
      input_reference: image,
    });
    const done = await waitForVideo(() => client.videos.retrieve(created.id));
    expect(done.status).toBe('completed');

    const keys = await s3.keys(`prod/reelay/outputs/${created.id}/`);
    expect(keys).toContainEqual(expect.stringMatching(/\/video-[0-9a-f]{12}\.mp4$/));
    expect(keys).toContainEqual(expect.stringMatching(/\/thumbnail-[0-9a-f]{12}\.\w+$/));
    // The input image went to the bucket too, and was removed once the job was submitted.
    expect(await s3.keys('prod/reelay/inputs/')).toEqual([]);
    expect(existsSync(join(gateway.dataDir, 'outputs'))).toBe(false);
    expect(existsSync(join(gateway.dataDir, 'inputs'))).toBe(false);

    const whole = new Uint8Array(await (await client.videos.downloadContent(created.id)).arrayBuffer());
    expect(readMp4Info(whole)).toMatchObject({ width: 1280, height: 720, hasMoov: true });

    const url = `${gateway.url}/v1/videos/${created.id}/content`;
    const first = await fetch(url, { headers: { range: 'bytes=0-0' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-0/${whole.byteLength}`);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(whole.slice(0, 1));

    const middle = await fetch(url, { headers: { range: 'bytes=100-1123' } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-length')).toBe('1024');
    expect(new Uint8Array(await middle.arrayBuffer())).toEqual(whole.slice(100, 1124));

    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.slice(-10));

    const outside = await fetch(url, { headers: { range: `bytes=${whole.byteLength}-` } });
    expect(outside.status).toBe(416);
    expect(await outside.json()).toMatchObject({ error: { code: 'range_not_satisfiable' } });
  });

  it('should remove the outputs from the bucket when the video is deleted', async () => {
    const created = await client.videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'a kite',
      seconds: '4',
    });
    await waitForVideo(() => client.videos.retrieve(created.id));
    expect(await s3.keys(`prod/reelay/outputs/${created.id}/`)).not.toEqual([]);
    await client.videos.delete(created.id);
    expect(await s3.keys(`prod/reelay/outputs/${created.id}/`)).toEqual([]);
  });

  it('should remove expired outputs from the bucket (retention) and answer 404 output_expired', async () => {
    const created = await client.videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'a lantern',
      seconds: '4',
    });
    await waitForVideo(() => client.videos.retrieve(created.id));
    const prefix = `prod/reelay/outputs/${created.id}/`;
    expect(await s3.keys(prefix)).not.toEqual([]);
    // The sweeper removes the files, then marks the job: wait for the mark.
    const expired = async () =>
      (
        (await (await fetch(`${gateway.url}/v1/videos/${created.id}`)).json()) as {
          metadata: Record<string, unknown>;
        }
      ).metadata['output_expired'];
    for (let attempt = 0; attempt < 200 && !(await expired()); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await s3.keys(prefix)).toEqual([]);
    const answer = await fetch(`${gateway.url}/v1/videos/${created.id}/content`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: { code: 'output_expired' } });
  });
});

describe('REELAY_STORAGE_URL configuration', () => {
  it('should refuse a storage URL that is not s3://bucket/prefix, naming the variable', async () => {
    await expect(loadConfig({ REELAY_STORAGE_URL: 'https://bucket.example.com/x' })).rejects.toThrow(
      /REELAY_STORAGE_URL.*must be s3:\/\/<bucket>\/<prefix>/,
    );
  });

  it('should refuse half a key pair', async () => {
    await expect(
      loadConfig({ REELAY_STORAGE_URL: 's3://videos/reelay', AWS_ACCESS_KEY_ID: 'AKIA' }),
    ).rejects.toThrow(/AWS_SECRET_ACCESS_KEY.*together/);
  });

  it('should refuse to start when the bucket does not exist, saying so', async () => {
    const s3 = await startTestS3();
    try {
      await expect(
        startTestGateway({ env: { ...s3.env, REELAY_STORAGE_URL: 's3://missing-bucket/reelay' } }),
      ).rejects.toThrow(/REELAY_STORAGE_URL.*'missing-bucket'.*does not exist/s);
    } finally {
      await s3.close();
    }
  });

  it('should keep files in the data directory when REELAY_STORAGE_URL is unset', async () => {
    const gateway = await startTestGateway();
    try {
      const client = new OpenAI({ apiKey: 'x', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      const created = await client.videos.create({
        model: 'openai/sora-2-pro',
        prompt: 'a cup',
        seconds: '4',
      });
      await waitForVideo(() => client.videos.retrieve(created.id));
      expect(readdirSync(join(gateway.dataDir, 'outputs', created.id))).toContainEqual(
        expect.stringMatching(/^video-[0-9a-f]{12}\.mp4$/),
      );
    } finally {
      await gateway.stop();
    }
  });
});
