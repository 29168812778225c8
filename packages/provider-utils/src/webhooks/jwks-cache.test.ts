import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../test-support/closed-after-each';
import { sendJson, startLoopbackServer } from '../test-support/loopback-server';
import { createJwksCache } from './jwks-cache';

const x = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x ?? '';
const document = {
  keys: [
    { kty: 'OKP', crv: 'Ed25519', x, kid: 'k1' },
    { kty: 'RSA', n: 'abc', e: 'AQAB' },
  ],
};

async function jwksServer(status = 200) {
  const server = await startLoopbackServer((_request, response) => sendJson(response, status, document));
  closedAfterEach(server);
  return server;
}

describe('createJwksCache', () => {
  it('fetches once, keeps only Ed25519 keys, and reuses them until maxAge', async () => {
    const server = await jwksServer();
    let clock = 1_000_000;
    const cache = createJwksCache({
      url: `${server.origin}/.well-known/jwks.json`,
      maxAgeMs: 60_000,
      now: () => clock,
    });

    const [first, second] = await Promise.all([cache.get(), cache.get()]);
    expect(first).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid: 'k1' }] });
    expect(second).toBe(first);
    expect(server.requests).toHaveLength(1);

    clock += 59_999;
    await cache.get();
    expect(server.requests).toHaveLength(1);

    clock += 1;
    await cache.get();
    expect(server.requests).toHaveLength(2);

    await cache.refresh();
    expect(server.requests).toHaveLength(3);
  });

  it('never keeps keys longer than 24 hours', async () => {
    const server = await jwksServer();
    let clock = 0;
    const cache = createJwksCache({
      url: `${server.origin}/jwks`,
      maxAgeMs: 7 * 24 * 3600_000,
      now: () => clock,
    });
    await cache.get();
    clock = 24 * 3600_000;
    await cache.get();
    expect(server.requests).toHaveLength(2);
  });

  it('does not cache a failure', async () => {
    const server = await jwksServer(500);
    const cache = createJwksCache({ url: `${server.origin}/jwks` });
    await expect(cache.get()).rejects.toThrow(/HTTP 500/);
    await expect(cache.get()).rejects.toThrow(/HTTP 500/);
    expect(server.requests).toHaveLength(2);
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const cache = createJwksCache({
      url: 'https://keys.example.com/.well-known/jwks.json',
      fetch: async (url) => {
        seen.push(url);
        return { ok: true, status: 200, json: async () => document };
      },
    });
    expect((await cache.get()).keys).toHaveLength(1);
    expect(seen).toEqual(['https://keys.example.com/.well-known/jwks.json']);
  });

  it('rejects a document without Ed25519 keys', async () => {
    const cache = createJwksCache({
      url: 'https://keys.example.com/.well-known/jwks.json',
      fetch: async () => ({ ok: true, status: 200, json: async () => ({ keys: [{ kty: 'RSA' }] }) }),
    });
    await expect(cache.get()).rejects.toThrow(/no Ed25519/);
  });
});
