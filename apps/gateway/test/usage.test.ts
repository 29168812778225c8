import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsageCommand } from '../src/index';
import { builtInSimulators, startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type Money = { usd: string; micros: number };
type Metrics = {
  jobs: number;
  videos: number;
  videos_completed: number;
  videos_failed: number;
  videos_unpriced: number;
  seconds: number;
  cost: Money;
  cost_estimate: Money;
};
type Report = {
  object: 'usage';
  start_time: number;
  end_time: number;
  group_by: string[];
  visibility: string;
  data: Array<Metrics & Record<string, unknown>>;
  totals: Metrics;
};
type Video = {
  id: string;
  created_at: number;
  status: string;
  seconds: string;
  metadata: { provider: string; cost: Money | null; children?: Array<{ cost: Money | null }> };
};

const usd = (micros: number) => ({ usd: expect.any(String), micros });

describe('GET /v1/usage', () => {
  let gateway: TestGateway;
  let openai: OpenAI;
  const videos: Video[] = [];

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, { headers });
  const retrieve = async (id: string) => (await (await get(`/v1/videos/${id}`)).json()) as Video;

  beforeAll(async () => {
    gateway = await startTestGateway();
    openai = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const simulators = builtInSimulators(gateway);
    const create = async (body: Record<string, unknown>) => {
      const created = await openai.videos.create(body as never);
      videos.push(await waitForVideo(() => retrieve(created.id)));
    };
    await create({ model: 'openai/sora-2-pro', prompt: 'a lighthouse', seconds: '4', size: '1280x720' });
    await create({ model: 'replicate/kling-3', prompt: 'two foxes', seconds: '5', n: 2 });
    simulators.openai.setNextOutcome('fail');
    await create({ model: 'openai/sora-2-pro', prompt: 'a storm', seconds: '8', size: '1280x720' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('made the jobs the report counts: two completed requests (one of two videos) and one failure', () => {
    expect(videos.map((video) => [video.status, video.metadata.provider])).toEqual([
      ['completed', 'openai'],
      ['completed', 'replicate'],
      ['failed', 'openai'],
    ]);
  });

  it('totals spend, requests, videos, seconds and failures exactly, by model and provider', async () => {
    const [single, pair] = videos;
    const singleCost = single!.metadata.cost!.micros;
    const pairCosts = pair!.metadata.children!.map((child) => child.cost!.micros);
    expect(singleCost).toBeGreaterThan(0);
    expect(pairCosts).toHaveLength(2);
    const response = await get('/v1/usage?group_by=provider,model');
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    const totalCost = singleCost + pairCosts[0]! + pairCosts[1]!;
    expect(report).toMatchObject({
      object: 'usage',
      group_by: ['model', 'provider'],
      visibility: 'all_keys',
      totals: {
        jobs: 3,
        videos: 4,
        videos_completed: 3,
        videos_failed: 1,
        videos_unpriced: 0,
        seconds: Number(single!.seconds) + 2 * Number(pair!.seconds),
        cost: { micros: totalCost },
        cost_estimate: { usd: '0.00', micros: 0 },
      },
    });
    expect(Number(report.totals.cost.usd)).toBe(totalCost / 1e6);
    expect(report.data).toEqual([
      {
        model: 'kling-3',
        provider: 'replicate',
        jobs: 1,
        videos: 2,
        videos_completed: 2,
        videos_failed: 0,
        videos_unpriced: 0,
        seconds: 2 * Number(pair!.seconds),
        cost: usd(pairCosts[0]! + pairCosts[1]!),
        cost_estimate: usd(0),
      },
      {
        model: 'sora-2-pro',
        provider: 'openai',
        jobs: 2,
        videos: 2,
        videos_completed: 1,
        videos_failed: 1,
        videos_unpriced: 0,
        seconds: Number(single!.seconds),
        cost: usd(singleCost),
        cost_estimate: usd(0),
      },
    ]);
    // by default: one row per UTC day over the last 30 days
    const byDay = (await (await get('/v1/usage')).json()) as Report;
    expect(byDay.group_by).toEqual(['day']);
    expect(byDay.end_time - byDay.start_time).toBeGreaterThan(29 * 86_400);
    expect(byDay.end_time - byDay.start_time).toBeLessThanOrEqual(30 * 86_400);
    const days = new Set(videos.map((video) => new Date(video.created_at * 1000).toISOString().slice(0, 10)));
    expect(byDay.data.map((row) => row.day)).toEqual([...days]);
    expect(byDay.totals).toEqual(report.totals);
  });

  it('gives one row of totals for an empty group_by, and nothing outside the range', async () => {
    const totalsOnly = (await (await get('/v1/usage?group_by=')).json()) as Report;
    expect(totalsOnly.group_by).toEqual([]);
    expect(totalsOnly.data).toEqual([totalsOnly.totals]);
    expect(totalsOnly.totals.videos).toBe(4);
    const csv = await (await get('/v1/usage?group_by=&format=csv')).text();
    const { seconds, cost } = totalsOnly.totals;
    expect(csv.split('\r\n')[1]).toBe(`3,4,3,1,0,${seconds},${cost.usd},${cost.micros},0.00,0`);

    const past = (await (await get('/v1/usage?start=2001-09-01&end=1000000000')).json()) as Report;
    expect(past).toMatchObject({
      start_time: Date.UTC(2001, 8, 1) / 1000,
      end_time: 1_000_000_000,
      data: [],
    });
    expect(past.totals).toMatchObject({ jobs: 0, videos: 0, seconds: 0, cost: { usd: '0.00', micros: 0 } });
    const oneDay = (await (await get('/v1/usage?start=2026-12-01&end=2026-12-01')).json()) as Report;
    expect(oneDay.end_time - oneDay.start_time).toBe(86_400);
  });

  it('answers CSV for format=csv and for Accept: text/csv, with the same numbers', async () => {
    const response = await get('/v1/usage?group_by=key,provider&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="reelay-usage-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const text = await response.text();
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe(
      'key_id,key_name,provider,jobs,videos,videos_completed,videos_failed,videos_unpriced,seconds,cost_usd,cost_micros,cost_estimate_usd,cost_estimate_micros',
    );
    const json = (await (await get('/v1/usage?group_by=key,provider')).json()) as Report;
    expect(lines).toEqual(
      json.data.map((row) =>
        [
          '',
          '',
          row['provider'],
          row.jobs,
          row.videos,
          row.videos_completed,
          row.videos_failed,
          row.videos_unpriced,
          row.seconds,
          row.cost.usd,
          row.cost.micros,
          row.cost_estimate.usd,
          row.cost_estimate.micros,
        ].join(','),
      ),
    );
    const cells = lines.map((line) => line.split(','));
    const sum = (column: number) => cells.reduce((total, row) => total + Number(row[column]), 0);
    expect(sum(4)).toBe(json.totals.videos);
    expect(sum(6)).toBe(json.totals.videos_failed);
    expect(sum(8)).toBe(json.totals.seconds);
    expect(sum(10)).toBe(json.totals.cost.micros);

    const negotiated = await get('/v1/usage?group_by=key,provider', {
      accept: 'text/csv;q=0.9, application/json;q=0.5',
    });
    expect(negotiated.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(negotiated.headers.get('vary')).toContain('Accept');
    expect(await negotiated.text()).toBe(text);
    const preferJson = await get('/v1/usage', { accept: 'application/json, text/csv;q=0.5' });
    expect(preferJson.headers.get('content-type')).toContain('application/json');
  });

  it.each([
    ['start=yesterday', 'start', 'must be a date (YYYY-MM-DD, UTC) or unix seconds'],
    ['end=2026-02-30', 'end', 'must be a date (YYYY-MM-DD, UTC) or unix seconds'],
    ['group_by=day,team', 'group_by', 'must be a comma-separated list of day, key, model and provider'],
    ['format=xml', 'format', 'must be "json" or "csv"'],
    ['groupby=model', 'groupby', 'takes start, end, group_by, format'],
    ['start=2026-12-02&end=2026-12-01', 'start', 'must be before end'],
  ])('answers %s with a 400 naming the parameter', async (query, param, message) => {
    const response = await get(`/v1/usage?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param });
    expect(body.error['message']).toContain(message);
  });

  it('is described in the OpenAPI document with its parameters and the report schema', async () => {
    const document = (await (await get('/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters: Array<{ name: string }> } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(document.paths['/v1/usage']?.get?.parameters.map((parameter) => parameter.name)).toEqual([
      'start',
      'end',
      'group_by',
      'format',
    ]);
    expect(Object.keys(document.components.schemas['UsageReport']?.properties ?? {})).toEqual([
      'object',
      'start_time',
      'end_time',
      'group_by',
      'visibility',
      'data',
      'totals',
    ]);
  });

  it("shows a key only its own jobs once keys exist, and no one's without a key", async () => {
    const alice = await gateway.engine.apiKeys.create('alice');
    const aliceClient = new OpenAI({ apiKey: alice.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const created = await aliceClient.videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'a harbour',
      seconds: '4',
      size: '1280x720',
    });
    await waitForVideo(() => aliceClient.videos.retrieve(created.id));

    expect((await get('/v1/usage')).status).toBe(401);
    const response = await get('/v1/usage?group_by=key', { authorization: `Bearer ${alice.key}` });
    const report = (await response.json()) as Report;
    expect(report.visibility).toBe('own_key');
    expect(report.data).toEqual([
      expect.objectContaining({ key_id: alice.id, key_name: 'alice', jobs: 1, videos_completed: 1 }),
    ]);
    expect(report.totals).toMatchObject({ jobs: 1, videos: 1 });

    // the operator reads every key's usage from the store, with the same parameters
    const out: string[] = [];
    const errors: string[] = [];
    const run = (argv: string[]) =>
      runUsageCommand(argv, {
        env: {
          REELAY_DATA_DIR: gateway.dataDir,
          ...(gateway.config.databaseUrl ? { REELAY_DATABASE_URL: gateway.config.databaseUrl } : {}),
        },
        out: (line) => out.push(line),
        err: (line) => errors.push(line),
      });
    expect(await run(['--group-by', 'key', '--format', 'csv'])).toBe(0);
    const lines = out.join('\n').split('\r\n');
    expect(lines.map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      'key_id,key_name,jobs',
      ',,3',
      `${alice.id},alice,1`,
    ]);
    out.length = 0;
    expect(await run([])).toBe(0);
    const all = JSON.parse(out.join('\n')) as Report;
    expect(all).toMatchObject({ visibility: 'all_keys', group_by: ['day'], totals: { jobs: 4, videos: 5 } });
    expect(await run(['--group-by', 'team'])).toBe(2);
    expect(errors.join('\n')).toContain(
      "'group_by' must be a comma-separated list of day, key, model and provider",
    );
  });
});
