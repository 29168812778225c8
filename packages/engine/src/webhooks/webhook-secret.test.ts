import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir, testEngine } from '../test-support/test-engine';
import { isWebhookSecret, loadWebhookSecret } from './webhook-secret';

describe('isWebhookSecret', () => {
  it.each<[string, boolean]>([
    [`whsec_${randomBytes(32).toString('base64')}`, true],
    [`whsec_${randomBytes(16).toString('base64')}`, true],
    [`whsec_${randomBytes(8).toString('base64')}`, false],
    [randomBytes(32).toString('base64'), false],
    ['whsec_', false],
    ['whsec_not base64!', false],
  ])('%s → %s', (secret, expected) => {
    expect(isWebhookSecret(secret)).toBe(expected);
  });
});

describe('loadWebhookSecret', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.remove();
  });

  it('should generate a secret once, keep it private, and return the same one afterwards', () => {
    const data = tempDataDir();
    dirs.push(data);
    const first = loadWebhookSecret(data.dir);
    const second = loadWebhookSecret(data.dir);
    expect(first).toMatchObject({ created: true, file: join(data.dir, 'webhook-secret') });
    expect(second).toEqual({ ...first, created: false });
    expect(isWebhookSecret(first.secret)).toBe(true);
    expect(readFileSync(first.file, 'utf8').trim()).toBe(first.secret);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
  });

  it('should refuse a file that holds no secret', () => {
    const data = tempDataDir();
    dirs.push(data);
    writeFileSync(join(data.dir, 'webhook-secret'), 'oops\n');
    expect(() => loadWebhookSecret(data.dir)).toThrow(/Delete it/);
  });

  it('should refuse a malformed webhookSecret option', () => {
    const data = tempDataDir();
    dirs.push(data);
    expect(() => testEngine([], data.dir, { webhookSecret: 'secret' })).toThrow(/whsec_/);
  });
});
