import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GatewayConfig, isLoopbackHost, loadConfig } from './config';
import { ConfigError } from './settings/config-error';

const cwd = '/srv/reelay';

async function configError(run: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Each plugin in use, by id, with its settings. */
function settingsById(config: GatewayConfig): Record<string, unknown> {
  return Object.fromEntries(
    config.plugins.flatMap(({ plugin, settings }) => (settings === undefined ? [] : [[plugin.id, settings]])),
  );
}

describe('loadConfig', () => {
  it('defaults to loopback:3000, ./.reelay and sandbox when no credential is set', async () => {
    const config = await loadConfig({}, { cwd });
    expect(settingsById(config)).toEqual({});
    expect(config.plugins.map(({ packageName }) => packageName)).toEqual([
      '@reelay/provider-openai',
      '@reelay/provider-fal',
      '@reelay/provider-replicate',
      '@reelay/provider-runway',
      '@reelay/provider-kling',
      '@reelay/provider-xai',
      '@reelay/provider-google-vertex',
      '@reelay/provider-google',
    ]);
    expect(config.sandboxReason).toBe(
      'no OPENAI_API_KEY, FAL_KEY, REPLICATE_API_TOKEN, RUNWAYML_API_SECRET, KLING_API_KEY, KLING_ACCESS_KEY, XAI_API_KEY, GOOGLE_APPLICATION_CREDENTIALS or GEMINI_API_KEY is set',
    );
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/reelay/.reelay',
      sandbox: true,
      retentionMs: 7 * 24 * 3_600_000,
      // Sandbox jobs take seconds: one still running after ten minutes never finishes, so it fails then.
      jobDeadlineMs: 10 * 60_000,
      maxBodyBytes: 25 * 1024 * 1024,
    });
  });

  it.each([
    [{ FAL_KEY: 'k' }, false],
    [{ FAL_KEY: '' }, true],
    [{ OPENAI_API_KEY: 'k', REELAY_SANDBOX: '1' }, true],
    [{ REELAY_SANDBOX: '0' }, false],
    [{ REPLICATE_API_TOKEN: 'r8', REELAY_SANDBOX: '' }, false],
  ])('sandbox for %j is %s, with its default job deadline', async (env, sandbox) => {
    const config = await loadConfig(env, { cwd });
    expect(config.sandbox).toBe(sandbox);
    expect(config.jobDeadlineMs).toBe((sandbox ? 10 : 60) * 60_000);
  });

  it('uses each plugin whose credential is set, with the variables it declares', async () => {
    const config = await loadConfig(
      {
        OPENAI_API_KEY: 'sk',
        FAL_KEY: 'fk',
        FAL_QUEUE_BASE_URL: 'http://127.0.0.1:9000',
        REPLICATE_BASE_URL: '',
      },
      { cwd },
    );
    expect(settingsById(config)).toEqual({
      openai: { apiKey: 'sk' },
      fal: { apiKey: 'fk', baseURL: 'http://127.0.0.1:9000' },
    });
  });

  it('points fal and Replicate webhooks at REELAY_PUBLIC_URL and passes the webhook secrets on', async () => {
    const secret = `whsec_${Buffer.from('a sixteen byte key!').toString('base64')}`;
    const config = await loadConfig(
      {
        OPENAI_API_KEY: 'sk',
        FAL_KEY: 'fk',
        REPLICATE_API_TOKEN: 'r8',
        REELAY_PUBLIC_URL: 'https://reelay.example.com/',
        OPENAI_WEBHOOK_SECRET: secret,
        REPLICATE_WEBHOOK_SECRET: secret,
        REELAY_WEBHOOK_SECRET: secret,
      },
      { cwd },
    );
    expect(config.publicUrl).toBe('https://reelay.example.com');
    expect(config.webhookSecret).toBe(secret);
    expect(settingsById(config)).toEqual({
      openai: { apiKey: 'sk', webhookSecret: secret },
      fal: { apiKey: 'fk', webhookUrl: 'https://reelay.example.com/v1/provider-webhooks/fal' },
      replicate: {
        apiKey: 'r8',
        webhookSecret: secret,
        webhookUrl: 'https://reelay.example.com/v1/provider-webhooks/replicate',
      },
    });
  });

  it.each(['REELAY_WEBHOOK_SECRET', 'OPENAI_WEBHOOK_SECRET'])(
    'refuses a %s that is not whsec_<base64>, without echoing it',
    async (name) => {
      const error = await configError(() => loadConfig({ [name]: 'hunter2-secret' }, { cwd }));
      expect(error.issues.map((issue) => issue.setting)).toEqual([name]);
      expect(error.message).toContain("must be 'whsec_'");
      expect(error.message).not.toContain('hunter2-secret');
    },
  );

  it('names every bad variable at once, with the plugin that reads it', async () => {
    const error = await configError(() =>
      loadConfig({
        PORT: 'eighty',
        REELAY_SANDBOX: 'yes',
        OPENAI_BASE_URL: 'ftp://x',
        REELAY_RETENTION_HOURS: '0',
      }),
    );
    expect(error.issues.map((issue) => issue.setting).sort()).toEqual([
      'OPENAI_BASE_URL',
      'PORT',
      'REELAY_RETENTION_HOURS',
      'REELAY_SANDBOX',
    ]);
    expect(error.message).toContain('PORT: must be a whole number');
    expect(error.message).toContain('REELAY_SANDBOX: must be 1');
    expect(error.message).toContain(
      "OPENAI_BASE_URL: must be an http(s) URL such as https://api.example.com/v1 (plugin @reelay/provider-openai, setting 'baseURL')",
    );
  });

  it('never echoes a credential in an error', async () => {
    const error = await configError(() => loadConfig({ OPENAI_API_KEY: 'sk-secret-value', PORT: '99999' }));
    expect(error.message).not.toContain('sk-secret-value');
  });

  it('reads the config file and lets the environment win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelay-config-'));
    const file = join(dir, 'reelay.json');
    writeFileSync(
      file,
      JSON.stringify({
        retentionHours: 2,
        jobDeadlineMinutes: 5,
        allowPrivateOrigins: ['http://10.0.0.7:9000/images'],
        pollBackoff: { initialMs: 10 },
        sandbox: { queueMs: 0, runMs: 10 },
        catalog: { lifecycle: { 'veo-3.1': { status: 'deprecated', successors: [] } } },
      }),
    );
    const config = await loadConfig(
      {
        REELAY_CONFIG: file,
        REELAY_JOB_DEADLINE_MINUTES: '7',
        REELAY_ALLOW_PRIVATE_ORIGINS: 'http://10.0.0.8',
      },
      { cwd },
    );
    expect(config).toMatchObject({
      configFile: file,
      retentionMs: 2 * 3_600_000,
      jobDeadlineMs: 7 * 60_000,
      allowPrivateOrigins: ['http://10.0.0.7:9000', 'http://10.0.0.8'],
      pollBackoff: { initialMs: 10 },
      sandboxBehavior: { queueMs: 0, runMs: 10 },
    });
    expect(config.catalog?.lifecycle?.['veo-3.1']?.status).toBe('deprecated');
  });

  it('names the path of a bad config file setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelay-config-'));
    const file = join(dir, 'reelay.json');
    writeFileSync(
      file,
      JSON.stringify({ retentionHours: -1, colour: 'blue', catalog: { prices: [{ provider: 'fal' }] } }),
    );
    const error = await configError(() => loadConfig({ REELAY_CONFIG: file }));
    const settings = error.issues.map((issue) => issue.setting);
    expect(settings).toContain(`${file}: retentionHours`);
    expect(settings).toContain(`${file}: (root)`);
    expect(settings.some((setting) => setting.startsWith(`${file}: catalog.prices[0]`))).toBe(true);
    expect(error.message).toContain("unknown setting(s) 'colour'");
  });

  it('says when the config file is missing or not JSON', async () => {
    expect(
      (await configError(() => loadConfig({ REELAY_CONFIG: '/nonexistent/reelay.json' }))).message,
    ).toContain('REELAY_CONFIG: cannot read /nonexistent/reelay.json (ENOENT)');
    const dir = mkdtempSync(join(tmpdir(), 'reelay-config-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(
      (await configError(() => loadConfig({ REELAY_CONFIG: 'bad.json' }, { cwd: dir }))).message,
    ).toContain('is not valid JSON');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['example.com', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
