import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_PLUGIN_SPECIFICATION_VERSION, type ProviderPlugin } from '@reelay/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SandboxUnavailableError, startSandbox } from './sandbox';

/**
 * A production install leaves out `@reelay/testing` (an optional peer). A plugin installed in a folder where it
 * cannot be found imports it for real in its sandbox, and the start fails with the one line that says what to do.
 */
describe('sandbox mode without @reelay/testing', () => {
  let dir: string;
  let startSimulator: ProviderPlugin['sandbox'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reelay-no-testing-'));
    const packageDir = join(dir, 'node_modules', 'acme');
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(join(packageDir, 'sandbox.cjs'), "exports.sandbox = () => import('@reelay/testing');\n");
    // `require` is Node's own loader, so the plugin's import is resolved by Node from its folder, as in an
    // installed gateway (the test runner would resolve it to the workspace's sources).
    ({ sandbox: startSimulator } = createRequire(import.meta.url)(join(packageDir, 'sandbox.cjs')) as {
      sandbox: ProviderPlugin['sandbox'];
    });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the start with one line naming the package and how to install it', async () => {
    const plugin: ProviderPlugin = {
      specificationVersion: PROVIDER_PLUGIN_SPECIFICATION_VERSION,
      id: 'acme',
      name: 'Acme',
      version: '1.0.0',
      settingsSchema: z.object({}),
      env: [],
      create: () => {
        throw new Error('not called: the sandbox fails first');
      },
      sandbox: startSimulator,
      webhook: undefined,
    };
    const failure = await startSandbox(
      [{ packageName: '@acme/reelay-provider-acme', plugin, settings: undefined }],
      {
        dataDir: dir,
        behavior: { queueMs: 10, runMs: 10 },
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SandboxUnavailableError);
    const message = (failure as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('needs @reelay/testing');
    expect(message).toContain('npm install @reelay/testing');
  });
});
