import type { S3Client } from '@aws-sdk/client-s3';
import { assertSafeFile, assertSafeId, assertSafeInput, inputName, outputFileName } from './file-names';
import { limitedBody } from './limited-body';
import { contentTypeOf, type OutputStore } from './output-store';
import { contentRangeSpan, sliceStream } from './slice-stream';
import { parseStorageUrl } from './storage-url';

/** Where the bucket is and how to sign; unset fields come from the AWS SDK's own chain (env, profile, role). */
export type S3StorageSettings = {
  /** `s3://bucket/prefix`. */
  url: string;
  /** `AWS_REGION`. Default: the SDK's chain; `us-east-1` when `endpoint` is given and no region is. */
  region?: string | undefined;
  /** `AWS_ENDPOINT_URL_S3` (MinIO, R2, …): requests go there with path-style addressing. Default: AWS. */
  endpoint?: string | undefined;
  /** Static keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). Default: the SDK's chain. */
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
  /** Largest stored output, bytes; refused while it streams. */
  maxOutputBytes: number;
  /** Multipart part size, bytes. Default 8 MiB (S3's minimum is 5 MiB). At most two parts are in memory at once. */
  partSizeBytes?: number | undefined;
};

const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

/**
 * Outputs and inputs in an S3-compatible bucket, shared by every instance: keys `<prefix>/outputs/<jobId>/<file>`
 * and `<prefix>/inputs/<id>.<ext>`. Uploads stream as multipart (bounded memory whatever the video's size); reads
 * stream too, with Range. The AWS SDK is imported here, on first use, so a disk-only install never loads it.
 *
 * @example
 * const files = await createS3OutputStore({ url: 's3://videos/reelay', maxOutputBytes: 4 * 1024 ** 3 });
 * await files.check();
 * const engine = createEngine({ ...options, outputStore: files });
 */
export async function createS3OutputStore(settings: S3StorageSettings): Promise<OutputStore> {
  const location = parseStorageUrl(settings.url);
  if ('error' in location) throw new TypeError(`S3 storage URL '${settings.url}' ${location.error}.`);
  const { bucket, prefix } = location;
  const sdk = await loadSdk();
  const client: S3Client = new sdk.S3Client({
    ...(settings.region ? { region: settings.region } : settings.endpoint ? { region: 'us-east-1' } : {}),
    ...(settings.endpoint
      ? {
          endpoint: settings.endpoint,
          forcePathStyle: true,
          // Checksums only where S3 requires them: several S3-compatible services refuse the SDK's newer defaults.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  const keyOf = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const jobPrefix = (jobId: string) => keyOf(`outputs/${assertSafeId(jobId)}/`);
  const outputKey = (jobId: string, file: string) => `${jobPrefix(jobId)}${assertSafeFile(file)}`;
  const partSize = Math.max(
    settings.partSizeBytes ?? 8 * 1024 * 1024,
    MIN_PART_BYTES,
    Math.ceil(settings.maxOutputBytes / MAX_PARTS),
  );

  return {
    location: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
    async save(jobId, variant, content) {
      const contentType = contentTypeOf(variant, content);
      const file = outputFileName(variant, contentType);
      const body = limitedBody(content, variant, settings.maxOutputBytes);
      const upload = new sdk.Upload({
        client,
        params: { Bucket: bucket, Key: outputKey(jobId, file), Body: body.stream, ContentType: contentType },
        partSize,
        queueSize: 2,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        body.stream.destroy();
        // The size refusal, not whatever aborting the multipart upload answered after it.
        throw body.state.refused ?? error;
      }
      return { variant, file, size: body.state.size, contentType };
    },
    async size(jobId, output) {
      try {
        const head = await client.send(
          new sdk.HeadObjectCommand({ Bucket: bucket, Key: outputKey(jobId, output.file) }),
        );
        return head.ContentLength;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async open(jobId, output, range) {
      const answer = await client.send(
        new sdk.GetObjectCommand({
          Bucket: bucket,
          Key: outputKey(jobId, output.file),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!answer.Body) throw new Error(`S3 answered no body for ${output.file}.`);
      const stream = answer.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      if (!range) return stream;
      // The span the server actually sent (all of it, when it ignored the Range): cut the asked bytes from it.
      const sent = contentRangeSpan(answer.ContentRange) ?? { start: 0, end: Number.MAX_SAFE_INTEGER };
      if (sent.start === range.start && sent.end === range.end) return stream;
      if (sent.start > range.start || sent.end < range.end) {
        await stream.cancel();
        throw new Error(
          `S3 answered bytes ${sent.start}-${sent.end} of ${output.file} for bytes ${range.start}-${range.end}.`,
        );
      }
      return sliceStream(stream, range.start - sent.start, range.end - range.start + 1);
    },
    async removeFiles(jobId, outputs) {
      for (const output of outputs) {
        await client.send(
          new sdk.DeleteObjectCommand({ Bucket: bucket, Key: outputKey(jobId, output.file) }),
        );
      }
    },
    async remove(jobId) {
      const Prefix = jobPrefix(jobId);
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix, ContinuationToken }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length > 0) {
          const deleted = await client.send(
            new sdk.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
          );
          const failed = deleted.Errors ?? [];
          if (failed.length > 0) {
            throw new Error(
              `S3 refused to delete ${failed.length} object(s) under ${Prefix}: ${failed[0]?.Code} ${failed[0]?.Message ?? ''}`.trim(),
            );
          }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async writeInput(id, bytes, extension) {
      const name = inputName(id, extension);
      // A PutObject is durable once it answers: no fsync to do.
      await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: keyOf(name), Body: bytes }));
      return name;
    },
    async readInput(name) {
      const answer = await client.send(
        new sdk.GetObjectCommand({ Bucket: bucket, Key: keyOf(assertSafeInput(name)) }),
      );
      if (!answer.Body) throw new Error(`S3 answered no body for ${name}.`);
      return answer.Body.transformToByteArray();
    },
    async removeInput(name) {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: keyOf(assertSafeInput(name)) }));
    },
    async check() {
      try {
        await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const reason =
          status === 404
            ? 'the bucket does not exist: create it first'
            : status === 403 || status === 401
              ? 'access denied: check the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or the role) and the bucket policy'
              : `${(error as Error).name}: ${(error as Error).message || 'no answer'}; check AWS_REGION and AWS_ENDPOINT_URL_S3`;
        throw new Error(
          `Cannot use S3 bucket '${bucket}'${settings.endpoint ? ` at ${settings.endpoint}` : ''}: ${reason}.`,
        );
      }
    },
    async close() {
      client.destroy();
    },
  };
}

async function loadSdk() {
  try {
    const [s3, storage] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]);
    return { ...s3, Upload: storage.Upload };
  } catch (error) {
    throw new Error(
      `S3 storage needs the AWS SDK: install @aws-sdk/client-s3 and @aws-sdk/lib-storage next to @reelay/engine (${(error as Error).message}).`,
    );
  }
}

function isMissing(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    failure.name === 'NotFound' || failure.name === 'NoSuchKey' || failure.$metadata?.httpStatusCode === 404
  );
}
