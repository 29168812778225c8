import type { ContentResult } from '@reelay/core';
import type { StoredOutput } from '../store';

/** Bytes `start` to `end` of a stored file, both inclusive (HTTP Range semantics). */
export type ByteRange = { start: number; end: number };

/**
 * Where finished videos and waiting input files live: the data directory (`createDiskOutputStore`, the default)
 * or an S3-compatible bucket shared by every instance (`createS3OutputStore`). Outputs are keyed
 * `outputs/<jobId>/<file>`, inputs `inputs/<id>.<ext>`; the job row records the names, so every instance finds
 * the same bytes. Outputs stream in and out; only input files (bounded by the upload limits) are whole in memory.
 */
export type OutputStore = {
  /** `data directory /srv/reelay` or `s3://bucket/prefix`, for logs and errors. */
  readonly location: string;
  /**
   * Streams one variant into a file of its own (a new name per call, see `outputFileName`), refusing more than
   * the store's byte limit while it streams. A failed or refused save leaves nothing behind.
   */
  save(jobId: string, variant: StoredOutput['variant'], content: ContentResult): Promise<StoredOutput>;
  /** The stored size in bytes, or `undefined` when the file is missing. */
  size(jobId: string, output: StoredOutput): Promise<number | undefined>;
  /** The file's bytes (or a range of them) as a stream; rejects when the file is missing. */
  open(jobId: string, output: StoredOutput, range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
  /** Removes these files of a job (a completion that lost its race removes only what it wrote). */
  removeFiles(jobId: string, outputs: readonly StoredOutput[]): Promise<void>;
  /** Removes every output of a job (delete, retention). */
  remove(jobId: string): Promise<void>;
  /** Writes an input file durably; returns the name the job records (`inputs/<id><extension>`). */
  writeInput(id: string, bytes: Uint8Array, extension: string): Promise<string>;
  readInput(name: string): Promise<Uint8Array>;
  removeInput(name: string): Promise<void>;
  /** Checks the store can be reached (the bucket exists and the credentials work); throws saying what to fix. */
  check(): Promise<void>;
  close(): Promise<void>;
};

/** Refused before it was stored: larger than the store's limit. */
export function outputTooLarge(variant: string, limit: number): Error {
  return new Error(`The ${variant} is larger than ${limit} bytes; not stored.`);
}

/** The content type a variant is stored with when the provider names none. */
export function contentTypeOf(variant: StoredOutput['variant'], content: ContentResult): string {
  return content.contentType || (variant === 'video' ? 'video/mp4' : 'application/octet-stream');
}
