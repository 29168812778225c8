import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { VideoObject as Video } from '@reelay/core';
import { loadConfig, type RunningGateway, startGateway } from '@reelay/gateway';
import { renderPng } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, isSandboxResponse } from '../src/page/lib/api-client';
import { controlOptions } from '../src/page/lib/control-options';
import { summarizeDryRun } from '../src/page/lib/dry-run-summary';
import { buildRequestBody, initialFormState } from '../src/page/lib/form-state';
import { snippetFor } from '../src/page/lib/snippets';

const run = promisify(execFile);

/** Whether `python3` with the official `openai` package is installed (CI images may not have it). */
async function hasPythonOpenAI(): Promise<boolean> {
  try {
    await run('python3', ['-c', 'import openai; openai.OpenAI(api_key="x").videos']);
    return true;
  } catch {
    return false;
  }
}
const pythonReady = await hasPythonOpenAI();
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** The page's API client, its parsers and its snippets against a real sandbox gateway: no browser needed. */
describe('the page against a sandbox gateway', () => {
  let gateway: RunningGateway;
  let dataDir: string;
  let sandboxHeaders = 0;
  const api = () =>
    createApiClient({
      baseUrl: gateway.url,
      getKey: () => undefined,
      onResponse: (response) => {
        if (isSandboxResponse(response)) sandboxHeaders += 1;
      },
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reelay-playground-contract-'));
    const config = await loadConfig({
      REELAY_SANDBOX: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      REELAY_DATA_DIR: dataDir,
    });
    config.sandboxBehavior = { queueMs: 100, runMs: 500 };
    config.pollBackoff = { initialMs: 50, maxMs: 200, factor: 1.5, jitter: 0 };
    gateway = await startGateway({ config });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reads every model card, and every card yields usable controls', async () => {
    const models = await api().listModels();
    expect(models.length).toBeGreaterThan(5);
    for (const card of models) {
      for (const mode of card.modes) {
        const options = controlOptions(card, 'auto', mode);
        expect(options.durations.length, `${card.id} ${mode} durations`).toBeGreaterThan(0);
        expect(options.resolutions.length, `${card.id} ${mode} resolutions`).toBeGreaterThan(0);
        expect(options.durations).toContain(options.defaultDuration);
      }
    }
    expect(sandboxHeaders).toBeGreaterThan(0);
  });

  it('dry-runs, creates, tracks, lists, downloads and deletes a video as the page does', async () => {
    const client = api();
    const card = (await client.listModels()).find((model) => model.id === 'veo-3.1');
    const form = {
      ...initialFormState(),
      model: 'veo-3.1',
      seconds: 4,
      resolution: '720p',
      aspectRatio: '9:16',
    };
    const body = buildRequestBody(form, card);

    const summary = summarizeDryRun(await client.dryRun(body));
    expect(summary.price).toMatch(/^\$\d+\.\d{2,}$/);
    expect(summary.chosen?.provider).toBe('fal');
    expect(summary.priceDetail).toMatch(/^4 s at 720×1280/);

    let video: Video = await client.createVideo(body);
    expect(video.metadata['sandbox']).toBe(true);
    for (
      let attempt = 0;
      attempt < 100 && video.status !== 'completed' && video.status !== 'failed';
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      video = await client.getVideo(video.id);
    }
    expect(video.status).toBe('completed');
    expect({ size: video.size, seconds: video.seconds }).toEqual({ size: '720x1280', seconds: '4' });

    const list = await client.listVideos();
    expect(list.data.map((item) => item.id)).toContain(video.id);
    const bytes = await client.contentBlob(video.id);
    expect(bytes.size).toBeGreaterThan(1000);
    expect(client.contentPath(video.id)).toBe(`${gateway.url}/v1/videos/${video.id}/content`);

    await client.deleteVideo(video.id);
    await expect(client.getVideo(video.id)).rejects.toMatchObject({ status: 404 });
  }, 60_000);

  it('turns gateway errors into ApiError with the message and param', async () => {
    const error = await api()
      .dryRun({ model: 'veo-3.1', prompt: 'x', seconds: 'soon' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, param: 'seconds' });
  });

  it('sends the key once the gateway has keys, and reports 401 without it', async () => {
    const { key } = await gateway.engine.apiKeys.create('playground-test');
    try {
      const keyed = createApiClient({ baseUrl: gateway.url, getKey: () => key });
      expect((await keyed.listModels()).length).toBeGreaterThan(0);
      await expect(api().listModels()).rejects.toMatchObject({ status: 401 });
    } finally {
      for (const entry of await gateway.engine.apiKeys.list()) await gateway.engine.apiKeys.revoke(entry.id);
    }
  });

  it('the JavaScript snippet runs with the official openai SDK and creates the job', async () => {
    const frame = `data:image/png;base64,${Buffer.from(renderPng({ width: 256, height: 256, seed: 'js' })).toString('base64')}`;
    const form = {
      ...initialFormState(),
      model: 'kling-3',
      seconds: 5,
      aspectRatio: '1:1',
      mode: 'image-to-video' as const,
      imageDataUri: frame,
    };
    const body = buildRequestBody(form, undefined);
    const snippet = snippetFor('javascript', body, { origin: gateway.url, hasKey: false });
    // Inside the package, so `import 'openai'` resolves to this package's devDependency.
    const scratch = join(packageDir, 'node_modules', '.cache', 'reelay-playground');
    await mkdir(scratch, { recursive: true });
    const file = join(scratch, `snippet-${process.pid}.mjs`);
    await writeFile(file, snippet);
    try {
      const { stdout } = await run(process.execPath, [file]);
      const [id, status] = stdout.trim().split(' ');
      expect(status).toMatch(/^(queued|in_progress|completed)$/);
      const video = await api().getVideo(id!);
      expect({ model: video.model, prompt: video.prompt, seconds: video.seconds }).toEqual({
        model: 'kling-3',
        prompt: body.prompt,
        seconds: '5',
      });
      expect(video.size).toMatch(/^(\d+)x\1$/);
      expect(video.metadata['normalization']).toEqual(
        expect.arrayContaining([expect.objectContaining({ param: 'input_reference' })]),
      );
    } finally {
      await rm(file, { force: true });
    }
  }, 30_000);

  it.skipIf(!pythonReady)(
    `the Python snippet runs with the official openai package and creates the job${pythonReady ? '' : ' (SKIPPED: python3 with openai is not installed)'}`,
    async () => {
      const frame = `data:image/png;base64,${Buffer.from(renderPng({ width: 320, height: 180, seed: 'py' })).toString('base64')}`;
      const form = {
        ...initialFormState(),
        model: 'wan-2.7',
        seconds: 3,
        resolution: '720p',
        mode: 'image-to-video' as const,
        imageDataUri: frame,
      };
      const body = buildRequestBody(form, undefined);
      const snippet = snippetFor('python', body, { origin: gateway.url, hasKey: false });
      const { stdout } = await run('python3', ['-c', snippet]);
      const [id, status] = stdout.trim().split(' ');
      expect(status).toMatch(/^(queued|in_progress|completed)$/);
      const video = await api().getVideo(id!);
      expect({ model: video.model, seconds: video.seconds, size: video.size }).toEqual({
        model: 'wan-2.7',
        seconds: '3',
        size: '1280x720',
      });
      expect(video.metadata['normalization']).toEqual(
        expect.arrayContaining([expect.objectContaining({ param: 'input_reference' })]),
      );
    },
    30_000,
  );
});
