import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { pngHeader } from '../test-support/fake-upstream';

describe('Idempotency-Key', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should make one job and one upstream submission for 20 concurrent duplicates', async () => {
    const context = { apiKeyId: null, idempotencyKey: 'key-1' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        setup.engine.createVideo(
          { model: 'test-model', prompt: 'a fox', seconds: '8' as unknown as number },
          context,
        ),
      ),
    );
    expect(new Set(results.map((result) => result.video.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    // Duplicates wait for the first create to finish, so every answer shows the submitted job.
    for (const result of results) {
      expect(result.video.metadata['attempts']).toEqual([
        { provider: 'alpha', offering: 'alpha/test-model', outcome: 'submitted' },
      ]);
    }
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(1);
    expect((await setup.engine.listVideos({ apiKeyId: null }, {})).data).toHaveLength(1);
    expect(setup.engine.metricsText()).toContain('reelay_idempotent_replays_total 19');
  });

  it('should submit once for concurrent duplicates that carry an image to check first', async () => {
    const image = {
      kind: 'upload' as const,
      data: pngHeader(640, 360),
      mediaType: 'image/png',
      filename: 'a.png',
    };
    const context = { apiKeyId: null, idempotencyKey: 'key-image' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        setup.engine.createVideo({ model: 'test-model', prompt: 'animate', input_reference: image }, context),
      ),
    );
    expect(new Set(results.map((result) => result.video.id)).size).toBe(1);
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(1);
    expect(readdirSync(join(setup.dataDir, 'inputs'))).toEqual([]);
  });

  it('should replay the same job later and refuse the key with another body (409)', async () => {
    const context = { apiKeyId: null, idempotencyKey: 'key-2' };
    const first = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'a fox', seconds: 8 },
      context,
    );
    const again = await setup.engine.createVideo(
      { seconds: 8, prompt: 'a fox', model: 'test-model' },
      context,
    );
    expect(again).toMatchObject({ replayed: true, video: { id: first.video.id } });
    const error = await setup.engine
      .createVideo({ model: 'test-model', prompt: 'a cat', seconds: 8 }, context)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 409, code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    expect(setup.alpha.submitRequests).toBe(1);
  });

  it('should replay a failed create as the same error without submitting again', async () => {
    setup.alpha.failNextSubmits({ kind: 'status', status: 503 });
    setup.beta.failNextSubmits({ kind: 'status', status: 503 });
    const context = { apiKeyId: null, idempotencyKey: 'key-3' };
    const request = { model: 'test-model', prompt: 'a fox' };
    const first = await setup.engine.createVideo(request, context).catch((e) => e);
    const second = await setup.engine.createVideo(request, context).catch((e) => e);
    expect(second).toMatchObject({ status: first.status, code: first.code, message: first.message });
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(2);
  });

  it('should scope keys per API key', async () => {
    const a = await setup.engine.apiKeys.create('a');
    const b = await setup.engine.apiKeys.create('b');
    const request = { model: 'test-model', prompt: 'a fox' };
    const first = await setup.engine.createVideo(request, { apiKeyId: a.id, idempotencyKey: 'shared' });
    const second = await setup.engine.createVideo(request, { apiKeyId: b.id, idempotencyKey: 'shared' });
    expect(first.video.id).not.toBe(second.video.id);
    expect(second.replayed).toBe(false);
  });

  it('should not store the key of a request refused before anything was stored', async () => {
    const context = { apiKeyId: null, idempotencyKey: 'key-4' };
    const bad = await setup.engine.createVideo({ model: 'nope', prompt: 'x' }, context).catch((e) => e);
    expect(bad.status).toBe(404);
    const good = await setup.engine.createVideo({ model: 'nope', prompt: 'x' }, context).catch((e) => e);
    expect(good.status).toBe(404);
  });
});
