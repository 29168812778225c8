import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-types';
import { createFakeProvider } from '../test-support/fake-provider';
import { type FakeUpstream, startFakeUpstream } from '../test-support/fake-upstream';
import { testCatalog } from '../test-support/test-catalog';
import { tempDataDir, testEngine, waitFor } from '../test-support/test-engine';

const open = { apiKeyId: null };

describe('routing', () => {
  let upstreams: FakeUpstream[] = [];
  let data: ReturnType<typeof tempDataDir> | undefined;
  let engine: Engine | undefined;

  async function setup(
    options: Parameters<typeof testEngine>[2] = {},
    beta: { providerParameters?: string[] } = {},
  ) {
    upstreams = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
    data = tempDataDir();
    engine = testEngine(
      [
        createFakeProvider({ id: 'alpha', baseURL: upstreams[0]!.origin }),
        createFakeProvider({ id: 'beta', baseURL: upstreams[1]!.origin, ...beta }),
      ],
      data.dir,
      options,
    );
    engine.start();
    return { engine, alpha: upstreams[0]!, beta: upstreams[1]! };
  }

  afterEach(async () => {
    await engine?.stop();
    await Promise.all(upstreams.map((upstream) => upstream.close()));
    data?.remove();
  });

  it('should send a provider-only parameter only where it is declared, even when dearer', async () => {
    const { engine, alpha, beta } = await setup({}, { providerParameters: ['character_ids'] });
    const { video } = await engine.createVideo(
      { model: 'test-model', prompt: 'x', character_ids: ['c1'] },
      open,
    );
    expect(video.metadata['provider']).toBe('beta');
    expect([...beta.jobs.values()][0]?.body['character_ids']).toEqual(['c1']);
    expect(alpha.submitRequests).toBe(0);
    const plan = await engine.dryRun({ model: 'test-model', prompt: 'x', character_ids: ['c1'] }, open);
    expect(plan.skipped).toEqual([
      { provider: 'alpha', offering: 'alpha/test-model', reason: expect.stringContaining('character_ids') },
    ]);
  });

  it('should open the circuit after 5 consecutive failures and order that provider last', async () => {
    let clock = Date.now();
    const { engine, alpha, beta } = await setup({ now: () => clock, circuitBreaker: { resetMs: 30_000 } });
    alpha.failNextSubmits({ kind: 'status', status: 503 }, 5);
    for (let index = 0; index < 5; index++)
      await engine.createVideo({ model: 'test-model', prompt: `${index}` }, open);
    expect(engine.health().providers).toEqual([
      { id: 'alpha', state: 'open', consecutiveFailures: 5 },
      { id: 'beta', state: 'closed', consecutiveFailures: 0 },
    ]);
    const plan = await engine.dryRun({ model: 'test-model', prompt: 'x' }, open);
    expect(plan.route.map((route) => [route.offering, route.healthy])).toEqual([
      ['beta/test-model', true],
      ['alpha/test-model', false],
    ]);
    await engine.createVideo({ model: 'test-model', prompt: 'while open' }, open);
    expect(alpha.submitRequests).toBe(5);
    expect(beta.submitRequests).toBe(6);

    clock += 30_000; // half-open: the cheapest goes first again, as a trial
    expect(engine.health().providers[0]?.state).toBe('half-open');
    await engine.createVideo({ model: 'test-model', prompt: 'trial' }, open);
    expect(alpha.submitRequests).toBe(6);
    expect(engine.health().providers[0]).toEqual({ id: 'alpha', state: 'closed', consecutiveFailures: 0 });
    expect(engine.metricsText()).toContain('reelay_circuit_open{provider="alpha"} 0');
  });

  it('should route a retired model with a warning and explain a refusal with its retirement and successors', async () => {
    const { engine, alpha, beta } = await setup({ catalog: testCatalog('retired') });
    const ok = await engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    expect(ok.deprecation).toEqual({
      status: 'retired',
      date: '2026-09-24',
      deprecated_at: '2026-03-24',
      retired_at: '2026-09-24',
      successors: ['veo-3.1'],
    });
    expect(ok.video.metadata['warnings']).toContainEqual(
      expect.objectContaining({
        type: 'deprecated',
        setting: 'model',
        message: expect.stringContaining('retired on 2026-09-24'),
      }),
    );

    alpha.failNextSubmits({ kind: 'status', status: 404 });
    beta.failNextSubmits({ kind: 'status', status: 404 });
    const error = await engine.createVideo({ model: 'test-model', prompt: 'x' }, open).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'all_providers_failed' });
    expect(error.message).toContain('test-model was retired on 2026-09-24. Consider veo-3.1 instead.');
    // said once, after the attempts, not glued onto each provider's answer
    expect(error.message.split('was retired').length - 1).toBe(1);
    expect(error.message).toMatch(/\(nothing was created\)\. test-model was retired/);
  });

  it('should describe the route and price in a dry run without submitting', async () => {
    const { engine, alpha, beta } = await setup();
    const plan = await engine.dryRun(
      { model: 'test-model', prompt: 'x', seconds: 7, size: '1920x1080', n: 2 },
      open,
    );
    expect(plan).toMatchObject({
      object: 'video.dry_run',
      model: 'test-model',
      chosen: 'alpha/test-model',
      n: 2,
      sandbox: true,
      cost_estimate: { usd: '3.20', micros: 3_200_000 }, // 8 s × 0.20 (1080p) × 2
    });
    expect(plan.route[0]).toMatchObject({
      size: '1920x1080',
      seconds: 8,
      quote: { usd: '1.60', micros: 1_600_000, unit: 'per_second' },
      normalization: expect.arrayContaining([
        expect.objectContaining({ param: 'seconds', action: 'snapped' }),
      ]),
    });
    expect(plan.route[1]).toMatchObject({ offering: 'beta/test-model', quote: { micros: 3_200_000 } });
    expect(alpha.submitRequests + beta.submitRequests).toBe(0);
    expect((await engine.listVideos(open, {})).data).toEqual([]);
  });

  it('should count jobs and upstream calls in Prometheus text', async () => {
    const { engine } = await setup();
    const { video } = await engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    await waitFor(async () => (await engine.getVideo(video.id, open)).status === 'completed');
    const text = engine.metricsText();
    expect(text).toContain('# TYPE reelay_jobs_created_total counter');
    expect(text).toContain('reelay_jobs_created_total{provider="alpha"} 1');
    expect(text).toContain('reelay_jobs_completed_total{provider="alpha"} 1');
    expect(text).toMatch(
      /reelay_upstream_requests_total\{provider="alpha",operation="poll",outcome="ok"\} \d+/,
    );
    expect(text).toContain('reelay_submit_duration_seconds_bucket{provider="alpha",le="+Inf"} 1');
    expect(text).toContain('reelay_submit_duration_seconds_count{provider="alpha"} 1');
  });

  it('should list models in OpenAI shape with providers and prices', async () => {
    const { engine } = await setup();
    const card = engine.listModels().find((model) => model.id === 'test-model');
    expect(card).toMatchObject({
      object: 'model',
      owned_by: 'reelay',
      price: 'from $0.10/s',
      modes: ['text-to-video', 'image-to-video'],
      max_duration_seconds: 12,
      lifecycle: { status: 'active' },
    });
    expect(card?.providers.map((provider) => [provider.id, provider.price?.display])).toEqual([
      ['alpha/test-model', 'from $0.10/s'],
      ['beta/test-model', 'from $0.20/s'],
    ]);
    expect(engine.getModel('beta/test-model').providers.map((provider) => provider.provider)).toEqual([
      'beta',
    ]);
    expect(() => engine.getModel('nope')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
