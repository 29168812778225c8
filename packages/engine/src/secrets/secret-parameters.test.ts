import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newJob } from '../jobs/new-job';
import { openSqliteStores } from '../store';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { waitFor } from '../test-support/test-engine';
import { createSecretBox } from './secret-box';

const context = { apiKeyId: null };
const secretKey = 'a test secret key of at least thirty-two characters';
const byok = `sk-byok-${'7'.repeat(40)}`;

/** Every byte the database keeps on disk (the file and its write-ahead log), as text. */
function databaseBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('reelay.db'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('');
}

describe('secret parameters', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup({ secretKey }, { secretParameters: ['byok_key'] });
  });
  afterEach(() => setup.close());

  it('should reach the provider, and never an answer, the report, the dry run, metrics or the database', async () => {
    setup.alpha.failNextSubmits({ kind: 'delay', ms: 300 });
    const request = { model: 'test-model', prompt: 'a fox', byok_key: byok };
    const creating = setup.engine.createVideo(request, context);

    // While the submit is on the wire the job keeps the key, but only encrypted.
    await waitFor(() => setup.alpha.submitRequests === 1);
    const stores = openSqliteStores(setup.dataDir);
    const [inFlight] = (await stores.jobs.unfinished()).map((job) => job.id);
    const row = await stores.jobs.get(inFlight!);
    await stores.close();
    expect(row?.request.sealed).toMatch(/^v1\./);
    expect(row?.request.extra).toEqual({});
    expect(databaseBytes(setup.dataDir)).not.toContain(byok);

    const { video } = await creating;
    expect([...setup.alpha.jobs.values()][0]?.body['byok_key']).toBe(byok);
    const done = await waitFor(async () => {
      const current = await setup.engine.getVideo(video.id, context);
      return current.status === 'completed' ? current : undefined;
    });
    expect(done.metadata['normalization']).toContainEqual({
      param: 'byok_key',
      requested: '[redacted]',
      sent: { byok_key: '[redacted]' },
      action: 'passthrough',
    });
    const dry = await setup.engine.dryRun(request, context);
    const list = await setup.engine.listVideos(context, {});
    for (const answer of [video, done, dry, list, setup.engine.metricsText()]) {
      expect(JSON.stringify(answer)).not.toContain(byok);
    }

    // Acknowledged: the sealed copy is gone too, and the database never held the key in plain text.
    const after = openSqliteStores(setup.dataDir);
    expect((await after.jobs.get(video.id))?.request).not.toHaveProperty('sealed');
    await after.close();
    expect(databaseBytes(setup.dataDir)).not.toContain(byok);
  });

  it('should keep the key out of the error when the provider echoes it back', async () => {
    setup.alpha.failNextSubmits({ kind: 'status', status: 422, echo: true });
    setup.beta.failNextSubmits({ kind: 'status', status: 422, echo: true });
    const error: Error = await setup.engine
      .createVideo({ model: 'test-model', prompt: 'a fox', byok_key: byok }, context)
      .then(
        () => new Error('the create should have failed'),
        (caught: unknown) => caught as Error,
      );
    expect(error.message).toContain('invalid input');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(byok);

    // A create that made nothing is not listed; the stored job is read from the store itself.
    const stores = openSqliteStores(setup.dataDir);
    const [failed] = (await stores.jobs.list('', { after: undefined, limit: 10, order: 'desc' })) ?? [];
    expect(failed?.state).toBe('failed');
    expect(failed?.request).not.toHaveProperty('sealed');
    expect(JSON.stringify(failed)).not.toContain(byok);
    await stores.close();
    expect(databaseBytes(setup.dataDir)).not.toContain(byok);
  });

  it('should send the decrypted key when a job stored but never sent is resumed', async () => {
    await insertQueued(setup.dataDir, createSecretBox(secretKey).seal({ byok_key: byok }));
    const restarted = setup.restart();
    const done = await waitFor(async () => {
      const video = await restarted.getVideo('video_000000000000000000000042', context);
      return video.status === 'completed' ? video : undefined;
    });
    expect(done.metadata).toMatchObject({ provider: 'alpha' });
    expect([...setup.alpha.jobs.values()].map((job) => job.body['byok_key'])).toEqual([byok]);
  });

  it('should fail, sending nothing, a resumed job whose key cannot be decrypted', async () => {
    const otherKey = 'another secret key, also at least thirty-two chars';
    await insertQueued(setup.dataDir, createSecretBox(otherKey).seal({ byok_key: byok }));
    const restarted = setup.restart();
    const failed = await waitFor(async () => {
      const video = await restarted.getVideo('video_000000000000000000000042', context);
      return video.status === 'failed' ? video : undefined;
    });
    expect(failed.error).toMatchObject({ code: 'secret_unavailable' });
    expect(failed.error?.message).toContain('REELAY_SECRET_KEY');
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(0);
  });
});

async function insertQueued(dataDir: string, sealed: string): Promise<void> {
  const stores = openSqliteStores(dataDir);
  const now = Date.now();
  await stores.jobs.insert([
    newJob({
      id: 'video_000000000000000000000042',
      owner: '',
      kind: 'single',
      state: 'queued_local',
      model: 'test-model',
      requestedModel: 'test-model',
      prompt: 'kept for later',
      request: { model: 'test-model', prompt: 'kept for later', extra: {}, sealed },
      bodyHash: 'x',
      size: '1280x720',
      seconds: 4,
      createdAt: now,
      deadlineAt: now + 60_000,
    }),
  ]);
  await stores.close();
}
