import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeFile, assertSafeId, assertSafeInput, inputName, outputFileName } from './file-names';
import { limitedBody } from './limited-body';
import { contentTypeOf, type OutputStore } from './output-store';

// Larger reads than the 64 KiB default roughly double throughput through the web-streams layer (see docs/benchmarks.md).
const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * Files under the data dir: `outputs/<jobId>/<file>` for finished videos and `inputs/<id>.<ext>` for input files
 * waiting to be submitted. Outputs are streamed to disk through a temporary file, never held in memory.
 */
export function createDiskOutputStore(dataDir: string, options: { maxOutputBytes: number }): OutputStore {
  const outputsDir = join(dataDir, 'outputs');
  mkdirSync(outputsDir, { recursive: true });
  mkdirSync(join(dataDir, 'inputs'), { recursive: true });
  const dirOf = (jobId: string) => join(outputsDir, assertSafeId(jobId));
  const pathOf = (jobId: string, file: string) => join(dirOf(jobId), assertSafeFile(file));

  return {
    location: `data directory ${dataDir}`,
    async save(jobId, variant, content) {
      const dir = dirOf(jobId);
      await mkdir(dir, { recursive: true });
      const contentType = contentTypeOf(variant, content);
      const file = outputFileName(variant, contentType);
      const temporary = join(dir, `.${file}.partial`);
      const body = limitedBody(content, variant, options.maxOutputBytes);
      try {
        await pipeline(body.stream, createWriteStream(temporary));
        // The rename makes the file appear whole or not at all: a crash leaves only a `.partial`.
        await rename(temporary, join(dir, file));
      } catch (error) {
        await rm(temporary, { force: true });
        throw body.state.refused ?? error;
      }
      return { variant, file, size: body.state.size, contentType };
    },
    async size(jobId, output) {
      try {
        return (await stat(pathOf(jobId, output.file))).size;
      } catch {
        return undefined;
      }
    },
    async open(jobId, output, range) {
      const stream = createReadStream(pathOf(jobId, output.file), {
        ...(range ? { start: range.start, end: range.end } : {}),
        highWaterMark: STREAM_CHUNK_BYTES,
      });
      // Fail here (missing file) rather than in the middle of an HTTP answer.
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async removeFiles(jobId, outputs) {
      for (const output of outputs) await rm(pathOf(jobId, output.file), { force: true });
    },
    async remove(jobId) {
      await rm(dirOf(jobId), { recursive: true, force: true });
    },
    async writeInput(id, bytes, extension) {
      const name = inputName(id, extension);
      const handle = await open(join(dataDir, name), 'w');
      try {
        await handle.writeFile(bytes);
        // Durable before the job row that names it is committed: a resumed job must find its file.
        await handle.sync();
      } finally {
        await handle.close();
      }
      return name;
    },
    async readInput(name) {
      return new Uint8Array(await readFile(join(dataDir, assertSafeInput(name))));
    },
    async removeInput(name) {
      await rm(join(dataDir, assertSafeInput(name)), { force: true });
    },
    async check() {},
    async close() {},
  };
}
