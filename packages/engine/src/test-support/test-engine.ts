import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type VideoProvider } from '@reelay/core';
import type { Catalog } from '@reelay/pricing';
import { createEngine } from '../create-engine';
import type { Engine, EngineOptions, StoredContent } from '../engine-types';
import { testCatalog } from './test-catalog';

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'reelay-engine-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An engine over the given providers with tiny poll delays, on a real SQLite file. */
export function testEngine(
  providers: VideoProvider[],
  dataDir: string,
  overrides: Partial<EngineOptions> & { catalog?: Catalog } = {},
): Engine {
  const catalog = overrides.catalog ?? testCatalog();
  return createEngine({
    registry: createRegistry({ providers, catalog: [...catalog.models] }),
    catalog,
    dataDir,
    sandbox: true,
    trustedOrigins: providers.map((provider) => provider.baseURL),
    pollBackoff: { initialMs: 5, maxMs: 20, factor: 1.5, jitter: 0.2 },
    providerRequestsPerSecond: 1000,
    ...overrides,
  });
}

/** Waits (polling the engine, not the clock) until `check` passes or `timeoutMs` elapses. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Every byte of a stored output, read through the engine as the content route reads it. */
export async function readContent(file: StoredContent): Promise<Uint8Array> {
  return new Uint8Array(await new Response(await file.open()).arrayBuffer());
}

/** The files kept on disk for a job's outputs, by name (`video-<token>.mp4`, …); none: `[]`. */
export function outputFilesOnDisk(dataDir: string, jobId: string): string[] {
  const dir = join(dataDir, 'outputs', jobId);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
