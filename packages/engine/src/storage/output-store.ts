import {
  closeSync,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ContentResult } from '@reelay/core';
import type { StoredOutput } from '../store';
import { assertSafeId, outputFileName } from './file-names';

export type OutputStore = ReturnType<typeof createOutputStore>;

/**
 * Files under the data dir: `outputs/<jobId>/<variant>.<ext>` for finished videos and `inputs/<id>.<ext>`
 * for first-frame images waiting to be submitted. Outputs are streamed to disk, never held in memory.
 */
export function createOutputStore(dataDir: string, options: { maxOutputBytes: number }) {
  const outputsDir = join(dataDir, 'outputs');
  const inputsDir = join(dataDir, 'inputs');
  mkdirSync(outputsDir, { recursive: true });
  mkdirSync(inputsDir, { recursive: true });
  const dirOf = (jobId: string) => join(outputsDir, assertSafeId(jobId));

  return {
    dirOf,
    pathOf(jobId: string, output: StoredOutput): string {
      return join(dirOf(jobId), output.file);
    },
    /** Streams one variant to `<variant>.<ext>`, through a temporary file so a crash leaves no half file. */
    async save(
      jobId: string,
      variant: StoredOutput['variant'],
      content: ContentResult,
    ): Promise<StoredOutput> {
      const dir = dirOf(jobId);
      await mkdir(dir, { recursive: true });
      const contentType =
        content.contentType || (variant === 'video' ? 'video/mp4' : 'application/octet-stream');
      const file = outputFileName(variant, contentType);
      const temporary = join(dir, `.${file}.partial`);
      let size = 0;
      const limit = options.maxOutputBytes;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > limit) callback(new Error(`The ${variant} is larger than ${limit} bytes; not stored.`));
          else callback(null, chunk);
        },
      });
      try {
        await pipeline(
          Readable.fromWeb(content.body as WebReadableStream<Uint8Array>),
          counter,
          createWriteStream(temporary),
        );
        await rename(temporary, join(dir, file));
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { variant, file, size, contentType };
    },
    async size(jobId: string, output: StoredOutput): Promise<number | undefined> {
      try {
        return (await stat(join(dirOf(jobId), output.file))).size;
      } catch {
        return undefined;
      }
    },
    async remove(jobId: string): Promise<void> {
      await rm(dirOf(jobId), { recursive: true, force: true });
    },
    /** Writes and fsyncs an input image; returns its path relative to the data dir. */
    writeInput(id: string, bytes: Uint8Array, extension: string): string {
      const relative = join('inputs', `${assertSafeId(id)}${extension}`);
      const descriptor = openSync(join(dataDir, relative), 'w');
      try {
        let offset = 0;
        while (offset < bytes.byteLength) offset += writeSync(descriptor, bytes, offset);
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      return relative;
    },
    readInput(relative: string): Uint8Array {
      return new Uint8Array(readFileSync(join(dataDir, relative)));
    },
    async removeInput(relative: string): Promise<void> {
      await rm(join(dataDir, relative), { force: true });
    },
  };
}
