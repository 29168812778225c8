import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running S3-compatible server on loopback, and what a gateway or a store needs to use it. */
export type TestS3 = {
  /** `http://127.0.0.1:<port>`: `AWS_ENDPOINT_URL_S3`. */
  endpoint: string;
  bucket: string;
  /** `s3://<bucket>/<prefix>`: `REELAY_STORAGE_URL`. */
  storageUrl: string;
  /** The variables a gateway reads for this server: `REELAY_STORAGE_URL` and the standard `AWS_*` ones. */
  env: Record<string, string>;
  /** Settings for `createS3OutputStore` (add `maxOutputBytes`). */
  settings: {
    url: string;
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** Every key in the bucket under `prefix` (default: all), sorted, read through the AWS SDK. */
  keys(prefix?: string): Promise<string[]>;
  /** Stops the server and removes its files. */
  close(): Promise<void>;
};

/**
 * Starts s3rver (an S3-compatible server from npm) on 127.0.0.1 with a free port, a fresh directory and one
 * bucket; tests then drive it with the real AWS SDK over real HTTP. Several gateways given the same `env` share
 * the bucket, as instances behind a load balancer share one in production.
 *
 * @example
 * const s3 = await startTestS3();
 * const gateway = await startTestGateway({ env: s3.env });
 * // …
 * await s3.close();
 */
export async function startTestS3(options: { bucket?: string; prefix?: string } = {}): Promise<TestS3> {
  const { default: S3rver } = await import('s3rver');
  const bucket = options.bucket ?? 'reelay-test';
  const prefix = options.prefix ?? 'reelay';
  const directory = await mkdtemp(join(tmpdir(), 'reelay-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver checks signatures made with its fixed key pair.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const storageUrl = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
  const { S3Client, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  return {
    endpoint,
    bucket,
    storageUrl,
    env: {
      REELAY_STORAGE_URL: storageUrl,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    settings: { url: storageUrl, region: 'us-east-1', endpoint, credentials },
    async keys(under = '') {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: under, ContinuationToken }),
        );
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
