import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseText } from '@reelay/engine/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSimulators, startTestGateway, type TestGateway, waitForVideo } from './test-gateway';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const byok = `sk-proj-byok-${'Q'.repeat(48)}`;

describe('a bring-your-own-key parameter (openai_api_key at Replicate)', () => {
  let gateway: TestGateway;
  let receiver: WebhookReceiver;
  let client: OpenAI;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    gateway = await startTestGateway({ env: { REELAY_ALLOW_PRIVATE_ORIGINS: receiver.origin } });
    client = new OpenAI({ apiKey: 'sandbox', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await receiver?.close();
  });

  it('reaches Replicate, and no answer, row, log, webhook or metric', async () => {
    const body = {
      model: 'sora-2-pro',
      prompt: 'a lighthouse at dusk',
      seconds: '4',
      openai_api_key: byok,
      webhook_url: `${receiver.origin}/hook`,
    } as unknown as OpenAI.VideoCreateParams;
    const created = await client.videos.create(body);
    const done = await waitForVideo(() => client.videos.retrieve(created.id));
    expect(done.status).toBe('completed');

    const sent = builtInSimulators(gateway).replicate.requests.filter((request) => request.method === 'POST');
    expect(
      sent.map((request) => (request.json as { input?: Record<string, unknown> }).input?.['openai_api_key']),
    ).toEqual([byok]);

    const metadata = (done as unknown as { metadata: { provider: string; normalization: unknown[] } })
      .metadata;
    expect(metadata.provider).toBe('replicate');
    expect(metadata.normalization).toContainEqual({
      param: 'openai_api_key',
      requested: '[redacted]',
      sent: { openai_api_key: '[redacted]' },
      action: 'passthrough',
    });

    const answers = [
      created,
      done,
      await client.videos.list(),
      await (
        await fetch(`${gateway.url}/v1/videos?dry_run=true`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).text(),
      await (await fetch(`${gateway.url}/metrics`)).text(),
    ];
    for (const answer of answers) {
      expect(typeof answer === 'string' ? answer : JSON.stringify(answer)).not.toContain(byok);
    }

    for (let attempt = 0; receiver.received.length === 0 && attempt < 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.rawBody.toString()).toContain(created.id);
    expect(receiver.received[0]?.rawBody.toString()).not.toContain(byok);

    expect(gateway.logs.join('\n')).not.toContain(byok);
    const database = gateway.config.databaseUrl
      ? await databaseText(gateway.config.databaseUrl)
      : readdirSync(gateway.dataDir)
          .filter((name) => name.startsWith('reelay.db'))
          .map((name) => readFileSync(join(gateway.dataDir, name)).toString('latin1'))
          .join('');
    expect(database).toContain(created.id);
    expect(database).not.toContain(byok);
  });
});
