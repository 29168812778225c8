import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

type Line = Record<string, unknown> & { event?: string; level: string; msg: string };
type Video = { id: string; status: string; metadata: { provider?: string } };

const PROMPT = 'a lighthouse keeper feeding seven grey cats at dawn';
const BYOK_KEY = 'sk-byok-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e';

/**
 * The log of a real create → fallback → complete run through the gateway over loopback: every job event
 * carries the creating request's id and the job's id, and nothing secret is written anywhere.
 */
describe('structured logs', () => {
  let gateway: TestGateway;
  let receiver: WebhookReceiver;
  let gatewayKey: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    gateway = await startTestGateway({ env: { REELAY_ALLOW_PRIVATE_ORIGINS: receiver.origin } });
    gatewayKey = (await gateway.engine.apiKeys.create('logs-test')).key;
  });

  afterAll(async () => {
    await gateway?.stop();
    await receiver?.close();
  });

  const lines = (): Line[] => gateway.logs.map((line) => JSON.parse(line) as Line);
  const api = (path: string, init: RequestInit & { requestId?: string } = {}) =>
    fetch(`${gateway.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${gatewayKey}`,
        'content-type': 'application/json',
        ...(init.requestId ? { 'x-request-id': init.requestId } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  async function until(check: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 400 && !check(); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(check()).toBe(true);
  }

  it('follows one job from create through a fallback to completion and its webhook', async () => {
    const body = { model: 'sora-2-pro', prompt: PROMPT, seconds: 4, size: '1280x720' };
    const plan = (await (
      await api('/v1/videos?dry_run=true', { method: 'POST', body: JSON.stringify(body) })
    ).json()) as {
      route: Array<{ provider: string }>;
    };
    const [first, second] = plan.route.map((route) => route.provider);
    const simulators = gateway.sandbox!.simulators as Record<string, { injectFault(rule: unknown): void }>;
    simulators[first!]!.injectFault({ route: 'POST *', fault: { kind: 'status', status: 503 } });

    const requestId = 'req-logs-fallback-1';
    const response = await api('/v1/videos', {
      method: 'POST',
      requestId,
      body: JSON.stringify({ ...body, webhook_url: `${receiver.origin}/hook` }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const created = (await response.json()) as Video;
    expect(created.metadata.provider).toBe(second);
    const video = await waitForVideo(
      async () => (await (await api(`/v1/videos/${created.id}`)).json()) as Video,
    );
    expect(video.status).toBe('completed');
    await until(() => lines().some((line) => line.event === 'webhook.delivered'));

    const ofJob = lines().filter((line) => line.job_id === created.id);
    for (const line of ofJob.filter((each) => each.event !== 'http.request')) {
      expect(line.request_id, `${line.event} carries the creating request's id`).toBe(requestId);
    }
    const events = ofJob.map((line) => line.event);
    for (const event of [
      'job.created',
      'job.attempt_failed',
      'job.fell_back',
      'job.submitted',
      'job.polled',
      'job.output_stored',
      'job.completed',
      'webhook.delivered',
    ]) {
      expect(events, event).toContain(event);
    }
    const failed = ofJob.find((line) => line.event === 'job.attempt_failed')!;
    expect(failed).toMatchObject({ provider: first, status: 503, nothing_created: true, level: 'warn' });
    expect(ofJob.find((line) => line.event === 'job.fell_back')).toMatchObject({
      from_provider: first,
      provider: second,
    });
    expect(ofJob.find((line) => line.event === 'job.submitted')).toMatchObject({
      provider: second,
      upstream_id: expect.any(String),
    });
    expect(ofJob.find((line) => line.event === 'job.completed')).toMatchObject({
      provider: second,
      cost_micros: expect.any(Number),
    });
    // the create call's own line: request id, route pattern, status, key id (never the key)
    const keyId = (await gateway.engine.apiKeys.list())[0]!.id;
    expect(
      lines().find((line) => line.event === 'http.request' && line.request_id === requestId),
    ).toMatchObject({ method: 'POST', route: '/v1/videos', status: 200, key_id: keyId, job_id: created.id });
  });

  it('writes no credential and, at info level, no prompt', async () => {
    // A bring-your-own-key request, which only Replicate can serve.
    const response = await api('/v1/videos', {
      method: 'POST',
      requestId: 'req-logs-byok',
      body: JSON.stringify({ model: 'sora-2-pro', prompt: PROMPT, seconds: 4, openai_api_key: BYOK_KEY }),
    });
    expect(response.status).toBe(200);
    const created = (await response.json()) as Video;
    await waitForVideo(async () => (await (await api(`/v1/videos/${created.id}`)).json()) as Video);

    const output = gateway.logs.join('\n');
    const simulatorKeys = Object.values(gateway.sandbox!.simulators).map(
      (simulator) => (simulator as { apiKey: string }).apiKey,
    );
    expect(simulatorKeys.length).toBeGreaterThanOrEqual(3);
    const secrets = [gatewayKey, BYOK_KEY, ...simulatorKeys];
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toContain(PROMPT);
    expect(
      lines()
        .filter((line) => line.job_id === created.id)
        .map((line) => line.event),
    ).toContain('job.completed');
  });

  it('returns the request id on every answer and in error bodies', async () => {
    const bad = await api('/v1/videos', {
      method: 'POST',
      requestId: 'req-logs-bad-body',
      body: JSON.stringify({ model: 'sora-2-pro' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toBe('req-logs-bad-body');
    expect(((await bad.json()) as { error: { request_id: string } }).error.request_id).toBe(
      'req-logs-bad-body',
    );
    // an unusable id is replaced, never echoed
    const made = await api('/v1/models', { requestId: 'bad id with spaces' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await fetch(`${gateway.url}/v1/videos/video_missing`);
    expect(missing.status).toBe(401);
    const id = missing.headers.get('x-request-id');
    expect(((await missing.json()) as { error: { request_id: string } }).error.request_id).toBe(id);
    expect(lines().find((line) => line.request_id === id)).toMatchObject({
      event: 'http.request',
      status: 401,
      level: 'warn',
    });
  });
});

describe('structured logs at debug level', () => {
  it('adds the prompt, in its own job.prompt line, and still no credential', async () => {
    const gateway = await startTestGateway({ env: { REELAY_LOG_LEVEL: 'debug' } });
    try {
      const response = await fetch(`${gateway.url}/v1/videos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sora-2-pro', prompt: PROMPT, seconds: 4, openai_api_key: BYOK_KEY }),
      });
      const created = (await response.json()) as Video;
      const lines = gateway.logs.map((line) => JSON.parse(line) as Line);
      expect(lines.find((line) => line.event === 'job.prompt')).toMatchObject({
        level: 'debug',
        job_id: created.id,
        prompt: PROMPT,
      });
      expect(gateway.logs.join('\n')).not.toContain(BYOK_KEY);
    } finally {
      await gateway.stop();
    }
  });
});
