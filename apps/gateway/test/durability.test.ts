import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FalSimulator,
  type OpenAISimulator,
  type ReplicateSimulator,
  startFalSimulator,
  startOpenAISimulator,
  startReplicateSimulator,
} from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, type GatewayChild, spawnGateway, upstreamCreates } from './gateway-process';
import { testStoreDatabase } from './test-gateway';

const JOBS = 50;

type Video = { id: string; status: string; metadata: { provider?: string } };

/**
 * The gateway as its own process (`node --import tsx src/main.ts`, the real bin) against simulators running in
 * this test process, so upstream submissions are counted across a SIGKILL and a restart.
 */
describe('durability across SIGKILL', () => {
  let openai: OpenAISimulator;
  let fal: FalSimulator;
  let replicate: ReplicateSimulator;
  let dataDir: string;
  let env: Record<string, string>;
  let database: Awaited<ReturnType<typeof testStoreDatabase>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const behavior = { queueMs: 400, runMs: 4000 };
    [openai, fal, replicate] = await Promise.all([
      startOpenAISimulator({ behavior }),
      startFalSimulator({ behavior }),
      startReplicateSimulator({ behavior }),
    ]);
    dataDir = await mkdtemp(join(tmpdir(), 'reelay-durability-'));
    const configFile = join(dataDir, 'reelay.json');
    await writeFile(
      configFile,
      JSON.stringify({
        pollBackoff: { initialMs: 50, maxMs: 250, factor: 1.5, jitter: 0.1 },
        providerRequestsPerSecond: 500,
      }),
    );
    database = await testStoreDatabase();
    env = {
      ...(database ? { REELAY_DATABASE_URL: database.url } : {}),
      // On Postgres the restarted gateway is a new instance: the killed one's jobs wait until its heartbeat is
      // stale. A short bound keeps the test short (scale-out.test.ts covers takeover itself).
      REELAY_TAKEOVER_SECONDS: '4',
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      REELAY_DATA_DIR: join(dataDir, 'data'),
      REELAY_CONFIG: configFile,
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseURL,
      FAL_KEY: fal.apiKey,
      FAL_QUEUE_BASE_URL: fal.baseURL,
      REPLICATE_API_TOKEN: replicate.apiKey,
      REPLICATE_BASE_URL: replicate.baseURL,
    };
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all([openai?.close(), fal?.close(), replicate?.close()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  async function startChild(): Promise<GatewayChild> {
    const gateway = await spawnGateway(env);
    children.push(gateway.child);
    return gateway;
  }
  const upstreamSubmissions = () => upstreamCreates({ openai, fal, replicate }).length;

  it('finishes all 50 in-flight jobs after kill -9 and a restart, with exactly 50 upstream submissions', async () => {
    const first = await startChild();
    const bodies = [
      { model: 'openai/sora-2-pro', size: '1280x720', seconds: 4 },
      { model: 'fal/veo-3.1', size: '1280x720', seconds: 4 },
      { model: 'replicate/kling-3', size: '1280x720', seconds: 5 },
    ];
    const ids: string[] = [];
    for (let batch = 0; batch < JOBS; batch += 10) {
      const created = await Promise.all(
        Array.from({ length: Math.min(10, JOBS - batch) }, async (_, offset) => {
          const index = batch + offset;
          const response = await fetch(`${first.url}/v1/videos`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...bodies[index % bodies.length], prompt: `job ${index}` }),
          });
          expect(response.status).toBe(200);
          return ((await response.json()) as Video).id;
        }),
      );
      ids.push(...created);
    }
    expect(new Set(ids).size).toBe(JOBS);
    expect(upstreamSubmissions()).toBe(JOBS);

    const running = await Promise.all(
      ids.map(async (id) => ((await (await fetch(`${first.url}/v1/videos/${id}`)).json()) as Video).status),
    );
    expect(running.filter((status) => status !== 'completed').length).toBeGreaterThan(0);

    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await startChild();
    const finished = new Map<string, Video>();
    for (let round = 0; round < 600 && finished.size < JOBS; round += 1) {
      for (const id of ids) {
        if (finished.has(id)) continue;
        const video = (await (await fetch(`${second.url}/v1/videos/${id}`)).json()) as Video;
        if (video.status === 'completed' || video.status === 'failed') finished.set(id, video);
      }
      if (finished.size < JOBS) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const statuses = ids.map((id) => finished.get(id)?.status ?? 'unfinished');
    expect(statuses.filter((status) => status !== 'completed')).toEqual([]);
    expect(upstreamSubmissions()).toBe(JOBS);
    expect(new Set([...finished.values()].map((video) => video.metadata.provider))).toEqual(
      new Set(['openai', 'fal', 'replicate']),
    );

    for (const id of ids.slice(0, 6)) {
      const content = await fetch(`${second.url}/v1/videos/${id}/content`);
      expect(content.status).toBe(200);
      expect((await content.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }

    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);
  }, 180_000);
});
