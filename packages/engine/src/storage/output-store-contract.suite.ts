import { createHash } from 'node:crypto';
import type { ContentResult } from '@reelay/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputStore } from './output-store';

/** A fresh, empty store with this byte limit, and every name it holds (`outputs/<job>/<file>`, `inputs/…`). */
export type OpenOutputStore = (options: { maxOutputBytes: number }) => Promise<{
  store: OutputStore;
  names(): Promise<string[]>;
  close(): Promise<void>;
}>;

const MiB = 1024 * 1024;

/** Deterministic bytes, so a range read is checked against what was written at that offset. */
function pattern(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = (index * 31 + seed) & 0xff;
  return bytes;
}

/** A body that arrives in chunks, as a download does; it fails after `failAfter` bytes if given. */
function body(
  bytes: Uint8Array,
  options: { chunk?: number; contentType?: string; declared?: boolean; failAfter?: number } = {},
): ContentResult {
  const chunk = options.chunk ?? 256 * 1024;
  let offset = 0;
  return {
    contentType: options.contentType ?? 'video/mp4',
    contentLength: options.declared ? bytes.byteLength : undefined,
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (options.failAfter !== undefined && offset >= options.failAfter) {
          controller.error(new Error('connection reset by the provider'));
          return;
        }
        if (offset >= bytes.byteLength) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(offset, offset + chunk));
        offset += chunk;
      },
    }),
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Length and digest: a mismatch in megabytes of bytes reads as two short lines, not a diff of every byte. */
function fingerprint(bytes: Uint8Array): string {
  return `${bytes.byteLength} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

async function expectStream(
  stream: Promise<ReadableStream<Uint8Array>>,
  expected: Uint8Array,
): Promise<void> {
  expect(fingerprint(await readAll(await stream))).toBe(fingerprint(expected));
}

const job = 'video_contract0000000000000001';
const otherJob = 'video_contract0000000000000002';

/**
 * The output store contract: the disk store and the S3 store (and any other) run this suite. It pins what the
 * engine relies on: streamed saves under names of their own, the size limit while streaming, nothing left by a
 * failed save, range reads, removal of exactly what was asked, and input files.
 */
export function describeOutputStoreContract(name: string, open: OpenOutputStore): void {
  describe(`output store contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenOutputStore>>;
    let store: OutputStore;
    beforeEach(async () => {
      opened = await open({ maxOutputBytes: 12 * MiB });
      store = opened.store;
      await store.check();
    });
    afterEach(async () => {
      await store.close();
      await opened.close();
    });

    it('should stream a body into a file of its own and read it back whole', async () => {
      const bytes = pattern(3 * MiB + 17);
      const saved = await store.save(job, 'video', body(bytes));
      expect(saved).toEqual({
        variant: 'video',
        file: expect.stringMatching(/^video-[0-9a-f]{12}\.mp4$/),
        size: bytes.byteLength,
        contentType: 'video/mp4',
      });
      expect(await store.size(job, saved)).toBe(bytes.byteLength);
      await expectStream(store.open(job, saved), bytes);
      expect(await opened.names()).toEqual([`outputs/${job}/${saved.file}`]);
    });

    it('should store a body larger than one upload part (multipart) byte for byte', async () => {
      const bytes = pattern(11 * MiB + 5, 3);
      const saved = await store.save(job, 'video', body(bytes, { chunk: 1 * MiB }));
      expect(saved.size).toBe(bytes.byteLength);
      await expectStream(store.open(job, saved), bytes);
    });

    it('should give every save its own name, so two writers of one job never overwrite each other', async () => {
      const first = await store.save(job, 'video', body(pattern(1000, 1)));
      const second = await store.save(job, 'video', body(pattern(1000, 2)));
      expect(second.file).not.toBe(first.file);
      await expectStream(store.open(job, first), pattern(1000, 1));
      await expectStream(store.open(job, second), pattern(1000, 2));
    });

    it('should name the file by the content type, defaulting by variant', async () => {
      const thumbnail = await store.save(job, 'thumbnail', body(pattern(10), { contentType: 'image/webp' }));
      expect(thumbnail.file).toMatch(/^thumbnail-[0-9a-f]{12}\.webp$/);
      const untyped = await store.save(job, 'spritesheet', body(pattern(10), { contentType: '' }));
      expect(untyped).toMatchObject({ contentType: 'application/octet-stream' });
      expect(untyped.file).toMatch(/\.bin$/);
    });

    it('should refuse a body over the limit while it streams, and keep nothing of it', async () => {
      await expect(store.save(job, 'video', body(pattern(13 * MiB), { chunk: 1 * MiB }))).rejects.toThrow(
        `The video is larger than ${12 * MiB} bytes; not stored.`,
      );
      expect(await opened.names()).toEqual([]);
    });

    it('should refuse a body whose declared length is over the limit before reading it', async () => {
      await expect(
        store.save(job, 'video', body(pattern(13 * MiB), { declared: true, chunk: 4 * MiB })),
      ).rejects.toThrow('larger than');
      expect(await opened.names()).toEqual([]);
    });

    it('should keep nothing of a download that fails half way', async () => {
      await expect(
        store.save(job, 'video', body(pattern(8 * MiB), { chunk: 1 * MiB, failAfter: 6 * MiB })),
      ).rejects.toThrow('connection reset');
      expect(await opened.names()).toEqual([]);
    });

    it('should read byte ranges, both ends inclusive', async () => {
      const bytes = pattern(6 * MiB + 3);
      const saved = await store.save(job, 'video', body(bytes));
      await expectStream(store.open(job, saved, { start: 0, end: 0 }), bytes.slice(0, 1));
      await expectStream(store.open(job, saved, { start: 10, end: 19 }), bytes.slice(10, 20));
      const last = bytes.byteLength - 1;
      await expectStream(store.open(job, saved, { start: 5 * MiB, end: last }), bytes.slice(5 * MiB));
    });

    it('should say a missing file is missing', async () => {
      const saved = await store.save(job, 'video', body(pattern(100)));
      const ghost = { ...saved, file: 'video-000000000000.mp4' };
      expect(await store.size(job, ghost)).toBeUndefined();
      await expect(store.open(job, ghost)).rejects.toThrow();
    });

    it('should remove only the files it is given, then everything of a job, and nothing of another job', async () => {
      const mine = await store.save(job, 'video', body(pattern(100, 1)));
      const theirs = await store.save(job, 'video', body(pattern(100, 2)));
      const other = await store.save(otherJob, 'video', body(pattern(100, 3)));
      await store.removeFiles(job, [mine]);
      expect(await store.size(job, mine)).toBeUndefined();
      await expectStream(store.open(job, theirs), pattern(100, 2));
      await store.remove(job);
      expect(await opened.names()).toEqual([`outputs/${otherJob}/${other.file}`]);
      await store.remove(job); // removing again is not an error
    });

    it('should refuse stored names that could escape the store', async () => {
      const saved = await store.save(job, 'video', body(pattern(10)));
      await expect(store.open('../etc', saved)).rejects.toThrow('unsafe');
      await expect(store.open(job, { ...saved, file: '../other/video.mp4' })).rejects.toThrow('unsafe');
      await expect(store.readInput('inputs/../reelay.db')).rejects.toThrow('unsafe');
      await expect(store.writeInput('a/b', new Uint8Array(1), '.png')).rejects.toThrow('unsafe');
    });

    it('should keep input files until removed, readable by name', async () => {
      const image = pattern(70_000, 9);
      const name = await store.writeInput('video_input0001', image, '.png');
      expect(name).toBe('inputs/video_input0001.png');
      expect(fingerprint(await store.readInput(name))).toBe(fingerprint(image));
      expect(await opened.names()).toEqual([name]);
      await store.removeInput(name);
      expect(await opened.names()).toEqual([]);
      await expect(store.readInput(name)).rejects.toThrow();
      await store.removeInput(name); // removing again is not an error
    });
  });
}
