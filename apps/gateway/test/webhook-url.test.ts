import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStores } from '@reelay/engine';
import { verifyStandardWebhook } from '@reelay/provider-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

type Video = { id: string; status: string };
type Event = { id: string; object: string; type: string; created_at: number; data: Video };

describe('webhook_url', () => {
  let gateway: TestGateway | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await gateway?.stop();
    await receiver?.close();
    gateway = undefined;
  });

  async function start(env: Record<string, string> = {}) {
    receiver = await startWebhookReceiver();
    gateway = await startTestGateway({ env: { REELAY_ALLOW_PRIVATE_ORIGINS: receiver.origin, ...env } });
    return { gateway, receiver };
  }

  const create = (gateway: TestGateway, body: Record<string, unknown>) =>
    fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fal/veo-3.1', prompt: 'a fox', seconds: 4, ...body }),
    });

  /** Waits until the gateway has recorded `count` successful deliveries (so none is still in flight). */
  async function delivered(gateway: TestGateway, count: number): Promise<void> {
    const pattern = /reelay_webhook_attempts_total\{outcome="delivered"\} (\d+)/;
    for (let attempt = 0; attempt < 400; attempt++) {
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      if (Number(pattern.exec(text)?.[1] ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fewer than ${count} webhook deliveries`);
  }

  it('POSTs one event signed with REELAY_WEBHOOK_SECRET per finished video', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const { gateway, receiver } = await start({ REELAY_WEBHOOK_SECRET: secret });
    const single = (await (
      await create(gateway, { webhook_url: `${receiver.origin}/hook` })
    ).json()) as Video;
    const parent = (await (
      await create(gateway, { n: 2, webhook_url: `${receiver.origin}/hook` })
    ).json()) as Video;
    for (const { id } of [single, parent]) {
      await waitForVideo(
        async () => (await fetch(`${gateway.url}/v1/videos/${id}`)).json() as Promise<Video>,
      );
    }
    await delivered(gateway, 2);
    await gateway.close();

    const events = receiver.received.map((delivery) => {
      verifyStandardWebhook({ secret, headers: delivery.headers, rawBody: new Uint8Array(delivery.rawBody) });
      return JSON.parse(delivery.rawBody.toString('utf8')) as Event;
    });
    expect(events.map((event) => event.data.id).sort()).toEqual([single.id, parent.id].sort());
    for (const event of events) {
      expect(event).toMatchObject({
        object: 'event',
        type: 'video.completed',
        data: { status: 'completed' },
      });
    }
    expect(new Set(events.map((event) => event.id)).size).toBe(2);
    const messages = gateway.logs.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('webhook_url events are signed with REELAY_WEBHOOK_SECRET');
  });

  it('signs with a secret generated for this gateway when none is configured (shared through Postgres)', async () => {
    const { gateway, receiver } = await start();
    const secret = await generatedSecret(gateway);
    const video = (await (await create(gateway, { webhook_url: `${receiver.origin}/hook` })).json()) as Video;
    await delivered(gateway, 1);
    const [delivery] = receiver.received;
    verifyStandardWebhook({
      secret,
      headers: delivery!.headers,
      rawBody: new Uint8Array(delivery!.rawBody),
    });
    expect((JSON.parse(delivery!.rawBody.toString('utf8')) as Event).data.id).toBe(video.id);
  });

  it.each([
    ['a private address', 'https://192.168.1.20/hook', 'unsafe_url'],
    ['loopback over plain http, not allowed', 'http://127.0.0.1:9/hook', 'invalid_webhook_url'],
    ['a cloud metadata address', 'http://169.254.169.254/latest/meta-data', 'invalid_webhook_url'],
  ])('refuses a webhook_url on %s with a 400 naming webhook_url', async (_name, url, code) => {
    const { gateway, receiver } = await start();
    const response = await create(gateway, { webhook_url: url });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('webhook_url'),
        type: 'invalid_request_error',
        param: 'webhook_url',
        code,
        request_id: response.headers.get('x-request-id'),
      },
    });
    const list = (await (await fetch(`${gateway.url}/v1/videos`)).json()) as { data: unknown[] };
    expect(list.data).toEqual([]);
    expect(receiver.received).toHaveLength(0);
  });
});

/**
 * The secret a gateway generated, where it said it keeps it: its data directory alone, or the database every
 * instance on Postgres shares (the second `shared` call answers the value stored first).
 */
async function generatedSecret(gateway: TestGateway): Promise<string> {
  const secretFile = join(gateway.dataDir, 'webhook-secret');
  const databaseUrl = gateway.config.databaseUrl;
  if (databaseUrl === undefined) {
    expect(gateway.logs.some((line) => line.includes(secretFile))).toBe(true);
    return readFileSync(secretFile, 'utf8').trim();
  }
  expect(gateway.logs.some((line) => line.includes('reelay_shared'))).toBe(true);
  const stores = await openStores({ dataDir: gateway.dataDir, databaseUrl });
  try {
    return await stores.leases!.shared('webhook_secret', 'not-the-stored-one');
  } finally {
    await stores.close();
  }
}
