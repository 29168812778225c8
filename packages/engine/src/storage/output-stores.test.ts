import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test-support/test-engine';
import { startTestS3, type TestS3 } from '../test-support/test-s3';
import { createDiskOutputStore } from './disk-output-store';
import { describeOutputStoreContract } from './output-store-contract.suite';
import { createS3OutputStore } from './s3-output-store';
import { parseStorageUrl } from './storage-url';

describeOutputStoreContract('disk', async ({ maxOutputBytes }) => {
  const data = tempDataDir();
  const store = createDiskOutputStore(data.dir, { maxOutputBytes });
  return {
    store,
    async names() {
      const entries = readdirSync(data.dir, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(data.dir, join(entry.parentPath, entry.name)))
        .sort();
    },
    async close() {
      data.remove();
    },
  };
});

// One S3-compatible server (s3rver, over real HTTP, driven by the real AWS SDK) for the file; a prefix per test.
let s3: TestS3;
let prefixes = 0;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

describeOutputStoreContract('S3', async ({ maxOutputBytes }) => {
  const prefix = `contract-${++prefixes}`;
  const store = await createS3OutputStore({
    ...s3.settings,
    url: `s3://${s3.bucket}/${prefix}`,
    maxOutputBytes,
    // The smallest part S3 allows, so the suite's bodies of a few MiB take the multipart path.
    partSizeBytes: 5 * 1024 * 1024,
  });
  return {
    store,
    names: async () => (await s3.keys(`${prefix}/`)).map((key) => key.slice(prefix.length + 1)),
    close: async () => undefined,
  };
});

describe('S3 output store set-up', () => {
  it('should say what is wrong when the bucket does not exist', async () => {
    const store = await createS3OutputStore({
      ...s3.settings,
      url: 's3://no-such-bucket/reelay',
      maxOutputBytes: 1024,
    });
    await expect(store.check()).rejects.toThrow(
      `Cannot use S3 bucket 'no-such-bucket' at ${s3.endpoint}: the bucket does not exist: create it first.`,
    );
    await store.close();
  });

  it('should refuse a storage URL that names no bucket', async () => {
    await expect(createS3OutputStore({ url: 's3://', maxOutputBytes: 1 })).rejects.toThrow(
      'must be s3://<bucket>/<prefix>',
    );
  });
});

describe('parseStorageUrl', () => {
  it.each([
    ['s3://videos', { bucket: 'videos', prefix: '' }],
    ['s3://videos/', { bucket: 'videos', prefix: '' }],
    ['s3://videos/reelay/prod/', { bucket: 'videos', prefix: 'reelay/prod' }],
    ['s3://my.videos-1/a', { bucket: 'my.videos-1', prefix: 'a' }],
  ])('should read %s', (url, expected) => {
    expect(parseStorageUrl(url)).toEqual(expected);
  });

  it.each([
    ['https://videos.s3.amazonaws.com', 'must be s3://'],
    ['s3://Videos/x', 'is not a bucket name'],
    ['s3://ab', 'is not a bucket name'],
    ['s3://videos/a/../b', "'..' segment"],
    ['s3://videos/a//b', 'empty'],
  ])('should refuse %s', (url, message) => {
    const parsed = parseStorageUrl(url);
    expect('error' in parsed && parsed.error).toContain(message);
  });
});
