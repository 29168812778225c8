/** `s3://bucket/prefix` taken apart; the prefix has no leading or trailing slash (empty: the bucket's root). */
export type S3Location = { bucket: string; prefix: string };

/**
 * Parses a storage URL (`s3://bucket` or `s3://bucket/some/prefix`). Returns a message saying what is wrong
 * instead of throwing, so configuration can report every bad setting at once.
 */
export function parseStorageUrl(url: string): S3Location | { error: string } {
  const match = /^s3:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(url.trim());
  if (!match) return { error: 'must be s3://<bucket>/<prefix>, such as s3://my-videos/reelay' };
  const bucket = match[1] ?? '';
  // The S3 naming rules, which MinIO and R2 share: what fits them is also safe in a path-style URL.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    return { error: `'${bucket}' is not a bucket name (3-63 lower-case letters, digits, dots and hyphens)` };
  }
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((part) => part === '.' || part === '..' || (prefix !== '' && part === ''))) {
    return { error: `the prefix '${prefix}' has an empty, '.' or '..' segment` };
  }
  return { bucket, prefix };
}
