import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '@reelay/core';
import { createEngine, type Engine } from '@reelay/engine';
import { loadCatalog } from '@reelay/pricing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp } from '../create-gateway-app';

/** The peer address as @hono/node-server hands it to the app. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('auth without API keys', () => {
  let engine: Engine;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'reelay-auth-'));
    engine = createEngine({
      registry: createRegistry({ providers: [] }),
      catalog: loadCatalog(),
      dataDir,
      sandbox: false,
      trustedOrigins: [],
    });
  });
  afterAll(async () => {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('serves a loopback client (%s)', async (address) => {
    const app = createGatewayApp({ engine, config: { sandbox: false } });
    const response = await app.request('/v1/models', {}, from(address));
    expect(response.status).toBe(200);
  });

  it.each(['10.0.0.7', '192.168.1.20', '2001:db8::1'])(
    'refuses a remote client (%s) with a 401',
    async (address) => {
      const app = createGatewayApp({ engine, config: { sandbox: false } });
      const response = await app.request('/v1/models', {}, from(address));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: 'invalid_api_key', message: expect.stringContaining('only serves loopback clients') },
      });
      expect(response.headers.get('x-reelay-sandbox')).toBeNull();
    },
  );
});
