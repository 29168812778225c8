import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type OpenAISimulator,
  type ReplicateSimulator,
  startOpenAISimulator,
  startReplicateSimulator,
} from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, type GatewayChild, spawnGateway, upstreamCreates } from './gateway-process';
import { testStoreDatabase } from './test-gateway';

const JOBS = 30;
/**
 * When the SIGKILL lands, as the number of creates the simulators have received so far: at the first one, in
 * the middle, and near the end, so some submits are on the wire, some answered and some not yet sent.
 */
const KILL_AT_SUBMISSIONS = [1, 12, 25];

type Video = { id: string; status: string; error: { code: string; message: string } | null };

/**
 * The gateway as its own process (`node --import tsx src/main.ts`) against simulators in this test process,
 * so upstream submissions are counted across a SIGKILL in the middle of 30 concurrent creates and a restart.
 */
describe('creates interrupted by SIGKILL', () => {
  let openai: OpenAISimulator;
  let replicate: ReplicateSimulator;
  let dataDir: string;
  let env: Record<string, string>;
  let database: Awaited<ReturnType<typeof testStoreDatabase>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const behavior = { queueMs: 200, runMs: 1200 };
    [openai, replicate] = await Promise.all([
      startOpenAISimulator({ behavior }),
      startReplicateSimulator({ behavior }),
    ]);
    dataDir = await mkdtemp(join(tmpdir(), 'reelay-interrupted-'));
    const configFile = join(dataDir, 'reelay.json');
    await writeFile(
      configFile,
      JSON.stringify({
        pollBackoff: { initialMs: 50, maxMs: 250, factor: 1.5, jitter: 0.1 },
        providerRequestsPerSecond: 500,
        // The simulators answer a create at once, so its request has long been handled after 1 s.
        submitSettleMs: 1000,
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
      REPLICATE_API_TOKEN: replicate.apiKey,
      REPLICATE_BASE_URL: replicate.baseURL,
    };
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all([openai?.close(), replicate?.close()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  async function startChild(): Promise<GatewayChild> {
    const gateway = await spawnGateway(env);
    children.push(gateway.child);
    return gateway;
  }
  const upstreamSubmissions = () => upstreamCreates({ openai, replicate }).length;

  const bodies = [
    { model: 'openai/sora-2-pro', size: '1280x720', seconds: 4 },
    { model: 'replicate/kling-3', size: '1280x720', seconds: 5 },
  ];

  function create(url: string, run: number, index: number): Promise<Response> {
    return fetch(`${url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `run-${run}-job-${index}` },
      body: JSON.stringify({ ...bodies[index % bodies.length], prompt: `run ${run}: clip number ${index}` }),
    });
  }

  async function finished(url: string, ids: string[]): Promise<Map<string, Video>> {
    const done = new Map<string, Video>();
    for (let round = 0; round < 300 && done.size < ids.length; round += 1) {
      for (const id of ids) {
        if (done.has(id)) continue;
        const video = (await (await fetch(`${url}/v1/videos/${id}`)).json()) as Video;
        if (video.status === 'completed' || video.status === 'failed') done.set(id, video);
      }
      if (done.size < ids.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return done;
  }

  it('completes all 30 creates with exactly 30 upstream submissions, whenever the kill lands', async () => {
    let interruptedCreates = 0;
    for (const [run, killAt] of KILL_AT_SUBMISSIONS.entries()) {
      const before = upstreamSubmissions();
      const first = await startChild();
      const answers = Array.from({ length: JOBS }, (_, index) =>
        create(first.url, run, index).then(
          (response) => response.status,
          () => 'reset' as const,
        ),
      );
      // Checked every millisecond: the kill lands while the next submits are still in flight.
      while (upstreamSubmissions() - before < killAt) await new Promise((resolve) => setTimeout(resolve, 1));
      first.child.kill('SIGKILL');
      await exited(first.child);
      interruptedCreates += (await Promise.all(answers)).filter((status) => status !== 200).length;

      const second = await startChild();
      const retried = await Promise.all(
        Array.from({ length: JOBS }, async (_, index) => {
          const response = await create(second.url, run, index);
          const body = (await response.json()) as Video & { error: unknown };
          return { status: response.status, body };
        }),
      );
      expect(retried.filter((answer) => answer.status !== 200)).toEqual([]);
      const ids = retried.map((answer) => answer.body.id);
      expect(new Set(ids).size).toBe(JOBS);

      const done = await finished(second.url, ids);
      const outcomes = ids.map((id) => {
        const video = done.get(id);
        return video?.status === 'completed'
          ? 'completed'
          : `${id}: ${video?.error?.message ?? 'unfinished'}`;
      });
      expect(outcomes.filter((outcome) => outcome !== 'completed')).toEqual([]);
      expect({ killAt, submissions: upstreamSubmissions() - before }).toEqual({ killAt, submissions: JOBS });

      // Retried again, every create still answers its own job.
      const again = await Promise.all(ids.map(async (_, index) => create(second.url, run, index)));
      const againIds = await Promise.all(
        again.map(async (response) => ((await response.json()) as Video).id),
      );
      expect(againIds).toEqual(ids);

      second.child.kill('SIGKILL');
      await exited(second.child);
    }
    // The kills landed mid-create: some first answers never came.
    expect(interruptedCreates).toBeGreaterThan(0);
  }, 120_000);
});
