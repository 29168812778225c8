import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMp4Info } from '@reelay/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtInSimulators,
  startTestGateway,
  type TestGateway,
  testStoreDatabase,
  waitForVideo,
} from './test-gateway';

const client = (gateway: TestGateway) =>
  new OpenAI({ apiKey: 'not-needed-on-loopback', baseURL: `${gateway.url}/v1`, maxRetries: 0 });

/** One job on each plugin's simulator, pinned, so each adapter's stored operation is exercised. */
const JOBS = [
  ['openai/sora-2-pro', '1280x720', '4'],
  ['fal/sora-2-pro', '1280x720', '4'],
  ['replicate/sora-2-pro', '1280x720', '4'],
  ['runway/runway-gen-4.5', '1280x720', '5'],
  ['kling/kling-3', '1280x720', '3'],
  ['xai/grok-imagine-video', '1280x720', '2'],
  ['google-vertex/veo-3.1', '1280x720', '4'],
  ['google/veo-3.1-preview', '1280x720', '4'],
] as const;

/**
 * The promise the gateway makes when it stops ("unfinished jobs resume on the next start") holds in sandbox
 * mode too: each simulator keeps its jobs and port under the data directory, and takes up where it was.
 */
describe('sandbox jobs across a gateway restart', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof testStoreDatabase>>;
  let env: Record<string, string>;
  let second: TestGateway | undefined;
  let squatter: Server | undefined;
  const created: Array<{ id: string; model: string; size: string }> = [];
  let originsBefore: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reelay-sandbox-restart-'));
    database = await testStoreDatabase();
    env = database ? { REELAY_DATABASE_URL: database.url } : {};
    // Slow enough that every job is still queued or running when the first gateway stops.
    const first = await startTestGateway({
      dataDir,
      env,
      configure: (config) => {
        config.sandboxBehavior = { queueMs: 1500, runMs: 1500 };
      },
    });
    try {
      const openai = client(first);
      for (const [model, size, seconds] of JOBS) {
        const video = await openai.videos.create({
          model,
          prompt: 'a lighthouse at dusk',
          size,
          seconds,
        } as never);
        expect(video.status).toMatch(/queued|in_progress/);
        created.push({ id: video.id, model, size });
      }
      originsBefore = Object.fromEntries(
        Object.entries(first.sandbox?.simulators ?? {}).map(([id, simulator]) => [
          id,
          (simulator as { origin: string }).origin,
        ]),
      );
    } finally {
      await first.close();
    }
    // Another program takes fal's port while the gateway is down: its simulator must move, its jobs not die.
    squatter = createServer((_request, response) => response.writeHead(418).end());
    const falPort = Number(new URL(originsBefore['fal'] ?? '').port);
    await new Promise<void>((resolve) => squatter!.listen(falPort, '127.0.0.1', resolve));
    second = await startTestGateway({
      dataDir,
      env,
      configure: (config) => {
        config.sandboxBehavior = { queueMs: 1500, runMs: 1500 };
      },
    });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('comes back on the same ports where they are free, and elsewhere where not', () => {
    const after = builtInSimulators(second!);
    expect(after.openai.origin).toBe(originsBefore['openai']);
    expect(after.replicate.origin).toBe(originsBefore['replicate']);
    expect(after.fal.origin).not.toBe(originsBefore['fal']);
  });

  it.each(JOBS.map(([model]) => [model]))('finishes the %s job started before the restart', async (model) => {
    const job = created.find((candidate) => candidate.model === model)!;
    const openai = client(second!);
    const done = await waitForVideo(() => openai.videos.retrieve(job.id), 1200);
    expect(done).toMatchObject({ status: 'completed', size: job.size, error: null });
    const content = await openai.videos.downloadContent(job.id);
    const info = readMp4Info(new Uint8Array(await content.arrayBuffer()));
    expect(info).toMatchObject({ width: 1280, height: 720, hasMoov: true });
  });
});

/** A sandbox job whose upstream can never answer fails with a reason, and says so in the log: it never polls on. */
describe('sandbox jobs that can never finish', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof testStoreDatabase>>;
  let env: Record<string, string>;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reelay-sandbox-never-'));
    database = await testStoreDatabase();
    env = database ? { REELAY_DATABASE_URL: database.url } : {};
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const failures = (gateway: TestGateway) =>
    gateway.logs
      .map((line) => JSON.parse(line) as { event?: string; code?: string; job_id?: string })
      .filter((line) => line.event === 'job.failed');

  it('fails at its deadline, logged, when the simulator never answers a poll', async () => {
    const gateway = await startTestGateway({
      configure: (config) => {
        config.jobDeadlineMs = 1500;
      },
    });
    try {
      builtInSimulators(gateway).fal.injectFault({
        route: 'GET *',
        times: 100_000,
        fault: { kind: 'status', status: 503 },
      });
      const openai = client(gateway);
      const video = await openai.videos.create({
        model: 'fal/sora-2-pro',
        prompt: 'a kite',
        seconds: '4',
      } as never);
      const done = await waitForVideo(() => openai.videos.retrieve(video.id), 1200);
      expect(done).toMatchObject({ status: 'failed', error: { code: 'deadline_exceeded' } });
      expect(done.error?.message).toMatch(/did not finish within its deadline/);
      expect(failures(gateway)).toContainEqual(
        expect.objectContaining({ job_id: video.id, code: 'deadline_exceeded' }),
      );
    } finally {
      await gateway.stop();
    }
  });

  it('fails at once with upstream_job_not_found, logged, when the simulator lost its state', async () => {
    const first = await startTestGateway({
      dataDir,
      env,
      configure: (config) => {
        config.sandboxBehavior = { queueMs: 5000, runMs: 5000 };
      },
    });
    const video = await client(first).videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'a kite',
      seconds: '4',
    } as never);
    await first.close();
    await rm(join(dataDir, 'sandbox', 'openai'), { recursive: true, force: true });
    const second = await startTestGateway({ dataDir, env });
    gateways.push(second);
    const done = await waitForVideo(() => client(second).videos.retrieve(video.id), 1200);
    expect(done).toMatchObject({ status: 'failed', error: { code: 'upstream_job_not_found' } });
    expect(failures(second)).toContainEqual(
      expect.objectContaining({ job_id: video.id, code: 'upstream_job_not_found' }),
    );
  });
});
