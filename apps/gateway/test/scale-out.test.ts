import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, startTestS3, type TestS3, testDatabaseServer } from '@reelay/engine/testing';
import {
  type FalSimulator,
  type OpenAISimulator,
  type RecordedRequest,
  type ReplicateSimulator,
  startFalSimulator,
  startOpenAISimulator,
  startReplicateSimulator,
} from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, type GatewayChild, spawnGateway, upstreamCreates } from './gateway-process';

const JOBS = 60;
const INSTANCES = 3;

type Video = { id: string; status: string; metadata: { provider?: string } };
type Instance = GatewayChild;

const BODIES = [
  { model: 'openai/sora-2-pro', size: '1280x720', seconds: 4 },
  { model: 'fal/veo-3.1', size: '1280x720', seconds: 4 },
  { model: 'replicate/kling-3', size: '1280x720', seconds: 5 },
];

/**
 * Three gateway processes (the real bin) on one Postgres database and one S3-compatible bucket (s3rver, through the
 * real AWS SDK), each with its own data directory, all pointed at one set of simulators running in this test
 * process, as a load balancer would spread clients over them. Runs in the gateway's `postgres` test project only
 * (it needs a Postgres server).
 */
describe.runIf(process.env['REELAY_TEST_STORE'] === 'postgres')('many instances on one database', () => {
  let openai: OpenAISimulator;
  let fal: FalSimulator;
  let replicate: ReplicateSimulator;
  let workDir: string;
  let env: Record<string, string>;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let s3: TestS3;
  let instancesStarted = 0;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const behavior = { queueMs: 500, runMs: 6000 };
    [openai, fal, replicate] = await Promise.all([
      startOpenAISimulator({ behavior }),
      startFalSimulator({ behavior }),
      startReplicateSimulator({ behavior }),
    ]);
    workDir = await mkdtemp(join(tmpdir(), 'reelay-scale-out-'));
    const configFile = join(workDir, 'reelay.json');
    await writeFile(
      configFile,
      JSON.stringify({
        pollBackoff: { initialMs: 100, maxMs: 400, factor: 1.5, jitter: 0.1 },
        providerRequestsPerSecond: 600,
      }),
    );
    database = await freshDatabase(testDatabaseServer()!);
    s3 = await startTestS3({ prefix: 'scale-out' });
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? workDir,
      PORT: '0',
      HOST: '127.0.0.1',
      REELAY_DATABASE_URL: database.url,
      // One storage for all: the bucket (REELAY_STORAGE_URL and the AWS_* variables); no shared disk.
      ...s3.env,
      REELAY_CONFIG: configFile,
      REELAY_SECRET_KEY: 'scale-out-test-secret-key-0123456789abcdef',
      // A dead instance's jobs are taken over within 3 s (an instance silent for 1.5 s counts as dead).
      REELAY_TAKEOVER_SECONDS: '3',
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
    await Promise.all(children.map(exited));
    await Promise.all([openai?.close(), fal?.close(), replicate?.close()]);
    if (workDir) await rm(workDir, { recursive: true, force: true });
    await database?.drop();
    await s3?.close();
  });

  /** One more gateway process, with a data directory of its own. */
  async function startInstance(): Promise<GatewayChild> {
    instancesStarted += 1;
    const instance = await spawnGateway({
      ...env,
      REELAY_DATA_DIR: join(workDir, `data-${instancesStarted}`),
    });
    children.push(instance.child);
    return instance;
  }

  /** Every upstream create, by the prompt it carried. */
  function submissionsByPrompt(): Map<string, number> {
    const creates = upstreamCreates({ openai, fal, replicate });
    const counts = new Map<string, number>();
    for (const request of creates) {
      const prompt = promptOf(request);
      counts.set(prompt, (counts.get(prompt) ?? 0) + 1);
    }
    return counts;
  }

  async function create(instance: Instance, body: object, key: string): Promise<Response> {
    return fetch(`${instance.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  }

  it('finishes 60 jobs created round-robin over three instances when one is killed mid-flight: one submission each, the same bytes (and Ranges) from every instance', async () => {
    const instances = await Promise.all(Array.from({ length: INSTANCES }, () => startInstance()));
    const ids: string[] = [];
    for (let batch = 0; batch < JOBS; batch += 12) {
      const created = await Promise.all(
        Array.from({ length: 12 }, async (_, offset) => {
          const index = batch + offset;
          const response = await create(
            instances[index % INSTANCES]!,
            { ...BODIES[index % BODIES.length], prompt: `scale-out job ${index}` },
            `scale-out-${index}`,
          );
          expect(response.status).toBe(200);
          return ((await response.json()) as Video).id;
        }),
      );
      ids.push(...created);
    }
    expect(new Set(ids).size).toBe(JOBS);
    // A retried create at another instance is the same job.
    const replay = await create(instances[1]!, { ...BODIES[0], prompt: 'scale-out job 0' }, 'scale-out-0');
    expect(((await replay.json()) as Video).id).toBe(ids[0]);

    // Instance 0's own jobs are still running when it dies.
    const victim = instances[0]!;
    const victimJobs = ids.filter((_, index) => index % INSTANCES === 0);
    const before = await Promise.all(
      victimJobs.map(
        async (id) => ((await (await fetch(`${victim.url}/v1/videos/${id}`)).json()) as Video).status,
      ),
    );
    expect(before.filter((status) => status !== 'completed').length).toBeGreaterThan(0);
    victim.child.kill('SIGKILL');
    await exited(victim.child);

    const survivors = instances.slice(1);
    const finished = new Map<string, Video>();
    for (let round = 0; round < 900 && finished.size < JOBS; round += 1) {
      for (const [index, id] of ids.entries()) {
        if (finished.has(id)) continue;
        const video = (await (
          await fetch(`${survivors[index % survivors.length]!.url}/v1/videos/${id}`)
        ).json()) as Video;
        if (video.status === 'completed' || video.status === 'failed') finished.set(id, video);
      }
      if (finished.size < JOBS) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      ids.map((id) => finished.get(id)?.status ?? 'unfinished').filter((s) => s !== 'completed'),
    ).toEqual([]);
    // The dead instance's jobs were taken over by the living ones, not finished before it died.
    expect(survivors.map((instance) => instance.log()).join('')).toContain('"event":"instance.took_over"');

    const submissions = submissionsByPrompt();
    for (let index = 0; index < JOBS; index += 1) {
      expect({ index, submissions: submissions.get(`scale-out job ${index}`) }).toEqual({
        index,
        submissions: 1,
      });
    }
    expect([...submissions.values()].reduce((sum, count) => sum + count, 0)).toBe(JOBS);

    // Every output is in the bucket, none on an instance's disk.
    for (const id of ids) expect(await s3.keys(`scale-out/outputs/${id}/`)).not.toEqual([]);
    for (let instance = 1; instance <= INSTANCES; instance += 1)
      expect(existsSync(join(workDir, `data-${instance}`, 'outputs'))).toBe(false);

    // The killed instance comes back; every instance serves every job's output, byte for byte, with Range.
    const all = [await startInstance(), ...survivors];
    for (const id of ids) {
      const digests = new Set<string>();
      let whole: Buffer | undefined;
      for (const instance of all) {
        const response = await fetch(`${instance.url}/v1/videos/${id}/content`);
        expect(response.status).toBe(200);
        const bytes = Buffer.from(await response.arrayBuffer());
        digests.add(createHash('sha256').update(bytes).digest('hex'));
        whole ??= bytes;
      }
      expect(digests.size).toBe(1);
      expect(whole!.length).toBeGreaterThan(1000);
      for (const instance of all) {
        const ranged = await fetch(`${instance.url}/v1/videos/${id}/content`, {
          headers: { range: 'bytes=100-611' },
        });
        expect(ranged.status).toBe(206);
        expect(ranged.headers.get('content-range')).toBe(`bytes 100-611/${whole!.length}`);
        expect(Buffer.from(await ranged.arrayBuffer()).equals(whole!.subarray(100, 612))).toBe(true);
      }
    }

    for (const instance of all) instance.child.kill('SIGTERM');
    await Promise.all(all.map((instance) => exited(instance.child)));
    expect(all.map((instance) => instance.child.exitCode)).toEqual([0, 0, 0]);
  }, 240_000);

  it('makes one job and one submission of the same Idempotency-Key sent to three instances at once', async () => {
    const instances = await Promise.all(Array.from({ length: INSTANCES }, () => startInstance()));
    try {
      for (let round = 0; round < 5; round += 1) {
        const body = { ...BODIES[round % BODIES.length], prompt: `same key ${round}` };
        const answers = await Promise.all(
          instances.map((instance) => create(instance, body, `same-key-${round}`)),
        );
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
        const videos = (await Promise.all(answers.map((answer) => answer.json()))) as Video[];
        expect(new Set(videos.map((video) => video.id)).size).toBe(1);
        expect(submissionsByPrompt().get(`same key ${round}`)).toBe(1);
      }
    } finally {
      for (const instance of instances) instance.child.kill('SIGTERM');
      await Promise.all(instances.map((instance) => exited(instance.child)));
    }
  }, 120_000);
});

/** The prompt of one upstream create, whatever the provider's body shape (JSON, nested input, multipart). */
function promptOf(request: RecordedRequest): string {
  const json = request.json as { prompt?: unknown; input?: { prompt?: unknown } } | undefined;
  const prompt = json?.prompt ?? json?.input?.prompt ?? request.form?.['prompt'];
  return typeof prompt === 'string' ? prompt : '';
}
