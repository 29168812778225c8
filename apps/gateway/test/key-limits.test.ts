import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSimulators, startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };
type DryRun = { route: Array<{ quote: { micros: number } | null }>; allow_fallbacks: boolean };
type Video = { id: string; status: string; metadata: { cost: { micros: number } | null } };

const body = { model: 'openai/sora-2-pro', prompt: 'a harbour at dawn', seconds: '4', size: '1280x720' };

describe('per-key budgets and rate limits', () => {
  let gateway: TestGateway;

  const call = (path: string, key: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${gateway.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  /** What one video of `request` reserves: its highest quote among the providers it may go to. */
  async function reservation(key: string, request: Record<string, unknown>): Promise<number> {
    const plan = (await (
      await call('/v1/videos?dry_run=true', key, { method: 'POST', body: request })
    ).json()) as DryRun;
    const tried = plan.allow_fallbacks ? plan.route : plan.route.slice(0, 1);
    return Math.max(...tried.map((route) => route.quote!.micros));
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('lets exactly what fits in a daily budget through when creates race it, and refuses the rest with a 429', async () => {
    const probe = await gateway.engine.apiKeys.create('probe');
    const price = await reservation(probe.key, body);
    expect(price).toBeGreaterThan(0);
    // Room for three videos and most of a fourth.
    const team = await gateway.engine.apiKeys.create('team', { dailyBudgetMicros: price * 3 + price / 2 });

    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        call('/v1/videos', team.key, { method: 'POST', body: { ...body, prompt: `race ${index}` } }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);

    const refused = answers.find((answer) => answer.status === 429)!;
    const error = ((await refused.json()) as ErrorBody).error;
    expect(error).toMatchObject({ type: 'insufficient_quota', code: 'daily_budget_exceeded', param: null });
    const left = (price / 2 / 1e6).toFixed(2);
    expect(error.message).toContain('daily budget');
    expect(error.message).toContain(`$${left} is left`);
    const midnight = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000).toISOString();
    expect(error.message).toContain(`resets at ${midnight}`);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
    // The OpenAI SDKs retry 429s; this one cannot pass by retrying, so it says not to.
    expect(refused.headers.get('x-should-retry')).toBe('false');

    const sdk = new OpenAI({ apiKey: team.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await expect(sdk.videos.create(body as never)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect((await sdk.videos.list()).data).toHaveLength(3);
  });

  it('counts every child of n, and releases a failed job so the next fits', async () => {
    const probe = await gateway.engine.apiKeys.create('probe-n');
    const price = await reservation(probe.key, body);
    const key = await gateway.engine.apiKeys.create('small', { monthlyBudgetMicros: price * 2 });

    const three = await call('/v1/videos', key.key, { method: 'POST', body: { ...body, n: 3 } });
    expect(three.status).toBe(429);
    expect(((await three.json()) as ErrorBody).error).toMatchObject({ code: 'monthly_budget_exceeded' });

    builtInSimulators(gateway).openai.setNextOutcome('fail');
    const failing = (await (
      await call('/v1/videos', key.key, { method: 'POST', body: { ...body, n: 2 } })
    ).json()) as Video;
    const ended = await waitForVideo(
      async () => (await (await call(`/v1/videos/${failing.id}`, key.key)).json()) as Video,
    );
    // One child failed: only its sibling is held (or charged) now, so one more video fits, and then none.
    expect(ended.status).toBe('completed');
    const again = await call('/v1/videos', key.key, { method: 'POST', body });
    expect(again.status).toBe(200);
    const over = await call('/v1/videos', key.key, { method: 'POST', body });
    expect(over.status).toBe(429);
  });

  it('refuses requests past the per-minute limit with Retry-After and says which limit', async () => {
    const key = await gateway.engine.apiKeys.create('chatty', { requestsPerMinute: 3 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let request = 0; request < 4; request++) {
      last = await call('/v1/models', key.key);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(last!.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const wait = Number(last!.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(120);
    expect(last!.headers.get('x-should-retry')).toBeNull();
    const error = ((await last!.json()) as ErrorBody).error;
    expect(error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded', param: null });
    expect(error.message).toContain('rate limit of 3 requests per minute');
    expect(error.message).toContain(`Retry after ${wait} s`);
    // Another key is not slowed down by this one.
    const other = await gateway.engine.apiKeys.create('quiet', { requestsPerMinute: 3 });
    expect((await call('/v1/models', other.key)).status).toBe(200);
  });
});

describe('GET /v1/usage by scope', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('shows an admin key every key by day, and a project key its own', async () => {
    const admin = await gateway.engine.apiKeys.create('ops', { scope: 'admin' });
    const alice = await gateway.engine.apiKeys.create('alice');
    const bob = await gateway.engine.apiKeys.create('bob');
    for (const key of [alice, bob]) {
      const sdk = new OpenAI({ apiKey: key.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      const video = await sdk.videos.create(body as never);
      await waitForVideo(() => sdk.videos.retrieve(video.id));
    }
    const usage = async (key: string) =>
      (await (
        await fetch(`${gateway.url}/v1/usage?group_by=day,key`, {
          headers: { authorization: `Bearer ${key}` },
        })
      ).json()) as {
        visibility: string;
        data: Array<{ key_name: string | null; jobs: number; cost: { micros: number } }>;
      };

    const all = await usage(admin.key);
    expect(all.visibility).toBe('all_keys');
    expect(all.data.map((row) => [row.key_name, row.jobs]).sort()).toEqual([
      ['alice', 1],
      ['bob', 1],
    ]);
    expect(all.data.every((row) => row.cost.micros > 0)).toBe(true);

    const own = await usage(alice.key);
    expect(own.visibility).toBe('own_key');
    expect(own.data.map((row) => [row.key_name, row.jobs])).toEqual([['alice', 1]]);
  });
});
