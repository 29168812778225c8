import { randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import type { GatewayProcess } from './processes';
import { readRss, resetPeakRss, sampleRss } from './rss';
import { MB, median } from './stats';

export type StreamingThroughput = {
  fileBytes: number;
  downloads: number;
  /** Median over downloads, MB/s with 1 MB = 2^20 bytes. */
  mbPerSecond: number;
  perDownloadMbPerSecond: number[];
  /** The same file from a bare node:http server (`createReadStream().pipe(response)`): this machine's ceiling. */
  baselineMbPerSecond: number;
  baselineRss: number;
  /** Highest gateway RSS while streaming (sampled every 10 ms, and the kernel's peak mark where it can be reset). */
  peakRss: number;
  peakRssDelta: number;
  /** The bare server's peak RSS growth over the same downloads, for reference. */
  baselinePeakRssDelta: number;
};

/**
 * Replaces a completed job's stored video with a `sizeMb` file, then downloads it `downloads` times through
 * `GET /v1/videos/{id}/content` over one connection, alternating (A B B A) with the same file from the baseline server,
 * counting every byte and sampling the gateway's RSS.
 */
export async function measureStreaming(options: {
  gateway: GatewayProcess;
  jobId: string;
  file: { path: string; bytes: number };
  baseline: { url: string; pid: number };
  downloads: number;
}): Promise<StreamingThroughput> {
  const gateway = new Pool(options.gateway.url, { connections: 1 });
  const baseline = new Pool(options.baseline.url, { connections: 1 });
  const gatewayPath = `/v1/videos/${options.jobId}/content`;
  const download = async (pool: Pool, path: string): Promise<number> => {
    const started = performance.now();
    const response = await pool.request({ method: 'GET', path });
    // 'data' events rather than async iteration: the client's cost stays small next to the server's.
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      response.body.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      response.body.once('end', resolve);
      response.body.once('error', reject);
    });
    const seconds = (performance.now() - started) / 1000;
    if (response.statusCode !== 200 || received !== options.file.bytes) {
      throw new Error(
        `${path} answered ${response.statusCode} with ${received} of ${options.file.bytes} bytes`,
      );
    }
    return received / MB / seconds;
  };
  try {
    await download(gateway, gatewayPath);
    await download(baseline, '/file');
    const baselineRss = readRss(options.gateway.pid).rss;
    const bareRss = readRss(options.baseline.pid).rss;
    const peakResettable = resetPeakRss(options.gateway.pid) && resetPeakRss(options.baseline.pid);
    const sampler = sampleRss(options.gateway.pid, 10);
    const bareSampler = sampleRss(options.baseline.pid, 10);
    const perDownloadMbPerSecond: number[] = [];
    const baselineMbPerSecond: number[] = [];
    // A B B A …, so neither side always goes first.
    for (let index = 0; index < options.downloads; index++) {
      if (index % 2 === 0) {
        perDownloadMbPerSecond.push(await download(gateway, gatewayPath));
        baselineMbPerSecond.push(await download(baseline, '/file'));
      } else {
        baselineMbPerSecond.push(await download(baseline, '/file'));
        perDownloadMbPerSecond.push(await download(gateway, gatewayPath));
      }
    }
    const sampled = sampler.stop();
    const bareSampled = bareSampler.stop();
    const peakRss = Math.max(sampled.maxSampled, peakResettable ? (sampled.peak ?? 0) : 0);
    const barePeakRss = Math.max(bareSampled.maxSampled, peakResettable ? (bareSampled.peak ?? 0) : 0);
    return {
      fileBytes: options.file.bytes,
      downloads: options.downloads,
      mbPerSecond: median(perDownloadMbPerSecond),
      perDownloadMbPerSecond,
      baselineMbPerSecond: median(baselineMbPerSecond),
      baselineRss,
      peakRss,
      peakRssDelta: peakRss - baselineRss,
      baselinePeakRssDelta: barePeakRss - bareRss,
    };
  } finally {
    await Promise.all([gateway.close(), baseline.close()]);
  }
}

/** Overwrites the job's stored video (`video-<token>.mp4`) in place (the engine serves whatever is there, by its size on disk). */
export function writeBigOutput(
  dataDir: string,
  jobId: string,
  sizeMb: number,
): { path: string; bytes: number } {
  const dir = join(dataDir, 'outputs', jobId);
  const name = readdirSync(dir).find((file) => /^video[-.]/.test(file));
  if (name === undefined) throw new Error(`no stored video in ${dir}`);
  const chunk = randomFillSync(Buffer.alloc(4 * MB));
  const chunks = Math.ceil(sizeMb / 4);
  const descriptor = openSync(join(dir, name), 'w');
  try {
    for (let index = 0; index < chunks; index++) writeSync(descriptor, chunk);
    // Flushed now, so the kernel's write-back does not compete with the downloads.
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  return { path: join(dir, name), bytes: chunks * chunk.length };
}
