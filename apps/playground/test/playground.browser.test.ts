import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { loadConfig, type RunningGateway, startGateway } from '@reelay/gateway';
import { renderPng } from '@reelay/testing';
import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundRoutes, playgroundAssetsDir } from '../src/index';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const docsDir = join(packageDir, '..', '..', 'docs');
const TRACKED_SCREENSHOTS = ['playground-desktop.png', 'playground-phone.png'].map((name) =>
  join(docsDir, name),
);
/** `pnpm --filter @reelay/playground screenshots` sets this to refresh docs/; tests otherwise write to a temp folder. */
const screenshotsDirFromEnv = process.env['REELAY_SCREENSHOTS_DIR'];
const run = promisify(execFile);

type PlayerState = { readyState: number; duration: number; width: number; height: number };

/**
 * Code run inside the page. Kept as expressions so this Node-side file needs no DOM typings (it type-checks
 * together with the gateway's sources, which must not see them). Polled with `page.evaluate`, not
 * `waitForFunction`, which would need `eval` and the page's CSP rightly forbids it.
 */
const IN_PAGE = {
  playerReady: `(() => {
    const video = document.querySelector('#player');
    return video !== null && video.readyState >= 2 && Number.isFinite(video.duration);
  })()`,
  playerState: `(() => {
    const video = document.querySelector('#player');
    return { readyState: video.readyState, duration: video.duration, width: video.videoWidth, height: video.videoHeight };
  })()`,
  clipboardText: 'navigator.clipboard.readText()',
  previewWidth: (width: number) => `(() => {
    const image = document.querySelector('#image-preview-img');
    return image !== null && image.complete && image.naturalWidth === ${width};
  })()`,
  /** Visible form controls (and every radio, which the design hides) without a label or aria-label. */
  unlabelledControls: `[...document.querySelectorAll('input, select, textarea')]
    .filter((control) => control.getClientRects().length > 0 || control.type === 'radio')
    .filter((control) => (control.labels ? control.labels.length : 0) === 0 && !control.getAttribute('aria-label'))
    .map((control) => control.id || control.name)`,
  scrollWidth: 'document.documentElement.scrollWidth',
  checkedModel: `document.querySelector('input[name="model"]:checked')?.value`,
  storedKey: `localStorage.getItem('reelay.playground.apiKey')`,
  /** Whether an element is wholly inside the viewport. */
  inViewport: (selector: string) => `(() => {
    const box = document.querySelector('${selector}').getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  })()`,
  historyHeight: `document.querySelector('.history').getBoundingClientRect().height`,
};

type VideoJson = {
  id: string;
  object: string;
  model: string;
  status: string;
  size: string;
  seconds: string;
  prompt: string | null;
  metadata: Record<string, unknown>;
};

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'playground in headless Chromium against a sandbox gateway'
    : `playground in headless Chromium (SKIPPED: ${CHROMIUM} is absent; install Debian's chromium package)`,
  () => {
    let gateway: RunningGateway;
    let front: ServerType | undefined;
    let origin: string;
    let browser: Browser;
    let dataDir: string;
    let servedBy: 'gateway' | 'test composition';
    let pageJob: VideoJson;
    let screenshotsDir: string;
    const trackedBefore = TRACKED_SCREENSHOTS.map(fingerprint);

    beforeAll(async () => {
      // The page is built here so the test never depends on a previous `pnpm build`.
      await build({
        configFile: join(packageDir, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: playgroundAssetsDir() },
      });

      dataDir = await mkdtemp(join(tmpdir(), 'reelay-playground-browser-'));
      const config = await loadConfig({
        REELAY_SANDBOX: '1',
        HOST: '127.0.0.1',
        PORT: '0',
        REELAY_DATA_DIR: dataDir,
      });
      config.sandboxBehavior = { queueMs: 200, runMs: 1500 };
      config.pollBackoff = { initialMs: 100, maxMs: 400, factor: 1.5, jitter: 0 };
      gateway = await startGateway({ config });

      const mounted = await fetch(`${gateway.url}/playground/`).then(
        async (response) => response.ok && (await response.text()).includes('Reelay playground'),
      );
      if (mounted) {
        servedBy = 'gateway';
        origin = gateway.url;
      } else {
        // Until the gateway mounts the playground itself: serve the page and proxy the rest to the gateway.
        servedBy = 'test composition';
        const app = new Hono();
        app.route('/playground', createPlaygroundRoutes());
        app.get('/', (c) => c.redirect('/playground/'));
        app.all('*', (c) =>
          proxy(new URL(`${c.req.path}${new URL(c.req.url).search}`, gateway.url), { raw: c.req.raw }),
        );
        front = await new Promise<ServerType>((resolve) => {
          const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
        });
        origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
      }

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      screenshotsDir = screenshotsDirFromEnv ?? join(dataDir, 'screenshots');
      await mkdir(screenshotsDir, { recursive: true });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      if (front) await new Promise((resolve) => front?.close(resolve));
      await gateway?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('is served at /playground, and the root redirects there', async () => {
      expect(['gateway', 'test composition']).toContain(servedBy);
      const root = await fetch(`${origin}/`, { redirect: 'manual' });
      expect(root.status).toBeGreaterThanOrEqual(300);
      expect(root.status).toBeLessThan(400);
      expect(root.headers.get('location')).toMatch(/\/playground\/?$/);
    });

    it('picks a model, shows the dry-run price, generates in sandbox mode and plays the video', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${origin}/playground`);

      await page.getByRole('radio', { name: /Wan 2\.7/ }).check();
      await page.getByLabel('Duration').selectOption('4');
      await page.getByLabel('Resolution').selectOption('720p');
      await page.getByLabel('Aspect ratio').selectOption('16:9');
      await expect
        .poll(() => page.locator('#price-line').textContent(), { timeout: 15_000 })
        .toMatch(/\$0\.40.*4 s at 1280×720/);
      expect(await page.getByTestId('dry-run-price').textContent()).toBe('$0.40');
      expect(await page.locator('.route-chosen').textContent()).toMatch(/(fal|replicate) → /);
      expect(await page.locator('table.normalization').textContent()).toContain('seconds');
      expect(await page.locator('#sandbox-banner').isVisible()).toBe(true);

      // The create is held until the button has been checked, so "while submitting" is observable.
      let releaseCreate: () => void = () => undefined;
      const createHeld = new Promise<void>((resolve) => {
        releaseCreate = resolve;
      });
      await page.route(/\/v1\/videos$/, async (route) => {
        if (route.request().method() === 'POST') await createHeld;
        await route.continue();
      });
      const created = page.waitForResponse(
        (response) => response.url().endsWith('/v1/videos') && response.request().method() === 'POST',
      );
      const generateButton = page.locator('#generate');
      await generateButton.click();
      await expect.poll(() => generateButton.isDisabled()).toBe(true);
      expect(await generateButton.textContent()).toBe('Submitting…');
      releaseCreate();
      pageJob = (await (await created).json()) as VideoJson;
      expect(pageJob.object).toBe('video');
      await page.unroute(/\/v1\/videos$/);

      // The user clicked at the bottom of a long form: the status comes to them, and progress shows by the button.
      await expect
        .poll(() => page.evaluate(IN_PAGE.inViewport('#job-status')), { timeout: 10_000 })
        .toBe(true);
      expect(await page.locator('#generate-progress').textContent()).not.toBe('');
      await expect
        .poll(() => page.locator('#job-status').textContent(), { timeout: 60_000 })
        .toBe('Completed');
      await expect.poll(() => page.evaluate(IN_PAGE.playerReady), { timeout: 30_000 }).toBe(true);
      expect(await page.evaluate(IN_PAGE.inViewport('#player'))).toBe(true);
      expect(await generateButton.isDisabled()).toBe(false);
      expect(await page.locator('#generate-progress').textContent()).toMatch(/Completed/);
      const playable = (await page.evaluate(IN_PAGE.playerState)) as PlayerState;
      expect(playable.readyState).toBeGreaterThanOrEqual(2);
      expect(Math.abs(playable.duration - 4)).toBeLessThanOrEqual(0.2);
      expect({ width: playable.width, height: playable.height }).toEqual({ width: 1280, height: 720 });
      expect(await page.getByTestId('final-cost').textContent()).toMatch(/^\$\d+\.\d{2,}$/);
      await expect
        .poll(() => page.locator(`.history-item[data-id="${pageJob.id}"]`).getAttribute('data-status'), {
          timeout: 15_000,
        })
        .toBe('completed');

      await page.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.locator('#copy-status').textContent()).toBe('Copied.');
      const shown = (await page.locator('#snippet-code').textContent()) ?? '';
      expect(await page.evaluate(IN_PAGE.clipboardText)).toBe(shown);

      await page.screenshot({ path: join(screenshotsDir, 'playground-desktop.png'), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it('runs the cURL snippet as shown and gets the same kind of job', async () => {
      expect(pageJob).toBeDefined();
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/playground/?model=wan-2.7`);
      await page.getByLabel('Duration').selectOption('4');
      await page.getByLabel('Resolution').selectOption('720p');
      await page.getByLabel('Aspect ratio').selectOption('16:9');
      const snippet = (await page.locator('#snippet-code').textContent()) ?? '';
      await context.close();
      expect(snippet).toMatch(/^curl -sS '/);

      const output = (await hasCurl())
        ? (await run('bash', ['-c', snippet])).stdout
        : await replayCurl(snippet);
      const job = JSON.parse(output) as VideoJson;
      expect(job.object).toBe('video');
      expect(job.id).not.toBe(pageJob.id);
      expect({ model: job.model, size: job.size, seconds: job.seconds, prompt: job.prompt }).toEqual({
        model: pageJob.model,
        size: pageJob.size,
        seconds: pageJob.seconds,
        prompt: pageJob.prompt,
      });
      expect(job.metadata['provider']).toBe(pageJob.metadata['provider']);
      expect(job.metadata['cost_estimate']).toEqual(pageJob.metadata['cost_estimate']);
    }, 60_000);

    it('image-to-video: an upload shows a preview and goes into the request as a data URI', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${origin}/playground/?model=kling-3`);
      await page.getByText('Image to video', { exact: true }).click();
      await page.getByLabel('Image file (PNG, JPEG or WebP)').setInputFiles({
        name: 'frame.png',
        mimeType: 'image/png',
        buffer: Buffer.from(renderPng({ width: 640, height: 360, seed: 'frame' })),
      });
      await expect.poll(() => page.evaluate(IN_PAGE.previewWidth(640)), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => page.locator('#price-line').textContent(), { timeout: 15_000 }).toMatch(/^\$/);
      // The cheapest route is Kling's own API, whose one upstream model takes both modes.
      expect(await page.locator('.route-chosen').textContent()).toMatch(/^kling → kling-v3 /);
      expect(await page.locator('#snippet-code').textContent()).toContain(
        '"input_reference": "data:image/png;base64,',
      );
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);

    it('is keyboard usable, fully labelled and readable at phone width', async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${origin}/playground/?model=veo-3.1`);
      await expect.poll(() => page.locator('#price-line').textContent(), { timeout: 15_000 }).toMatch(/^\$/);

      expect(await page.evaluate(IN_PAGE.unlabelledControls)).toEqual([]);
      expect(await page.evaluate(IN_PAGE.scrollWidth)).toBeLessThanOrEqual(375);

      // The model group is a native radio group: arrow keys move the selection, and the dry run follows.
      await page.getByRole('radio', { name: 'Veo 3.1 active', exact: true }).focus();
      await page.keyboard.press('ArrowDown');
      const selected = await page.evaluate(IN_PAGE.checkedModel);
      expect(selected).not.toBe('veo-3.1');
      await expect
        .poll(() => page.locator('#snippet-code').textContent())
        .toContain(`"model": "${selected}"`);

      // Snippet tabs follow the ARIA tabs pattern.
      await page.getByRole('tab', { name: 'cURL' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('tab', { name: 'JavaScript' }).getAttribute('aria-selected')).toBe('true');
      expect(await page.locator('#snippet-code').textContent()).toContain('client.videos.create(');

      await page.getByRole('radio', { name: 'Veo 3.1 active', exact: true }).check();
      await expect.poll(() => page.locator('#price-line').textContent(), { timeout: 15_000 }).toMatch(/^\$/);
      await page.screenshot({ path: join(screenshotsDir, 'playground-phone.png'), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);

    it('keeps the gallery light: thumbnails only, never whole MP4s, and compact at phone width', async () => {
      const jobs = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          fetch(`${gateway.url}/v1/videos`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'wan-2.7', prompt: `gallery clip ${index}`, seconds: 2 }),
          }).then((response) => response.json() as Promise<VideoJson>),
        ),
      );
      for (const created of jobs) {
        await expect
          .poll(
            async () =>
              ((await (await fetch(`${gateway.url}/v1/videos/${created.id}`)).json()) as VideoJson).status,
            { timeout: 60_000 },
          )
          .toBe('completed');
      }

      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 375, height: 812 },
      ]) {
        const context = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
        const page = await context.newPage();
        const videoFetches: string[] = [];
        page.on('request', (request) => {
          const url = new URL(request.url());
          if (url.pathname.endsWith('/content') && url.searchParams.get('variant') !== 'thumbnail')
            videoFetches.push(request.url());
        });
        await page.goto(`${origin}/playground/?model=wan-2.7`);
        await expect
          .poll(() => page.locator('.history-item').count(), { timeout: 15_000 })
          .toBeGreaterThanOrEqual(10);
        await page.waitForLoadState('networkidle');
        expect(videoFetches).toEqual([]);
        if (viewport.width < 500) {
          const items = await page.locator('.history-item').count();
          // About a thumbnail's height plus a row of buttons per video, not a card per video.
          expect((await page.evaluate(IN_PAGE.historyHeight)) as number).toBeLessThan(items * 90 + 120);
        }
        await context.close();
      }
    }, 180_000);

    // Last: once a key exists the gateway requires it for every request.
    it('asks for a key when the gateway has keys, keeps it in localStorage, and plays through a keyed fetch', async () => {
      const { key } = await gateway.engine.apiKeys.create('playground-browser-test');
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${origin}/playground/?model=wan-2.7`);
        await expect
          .poll(() => page.locator('#global-error').textContent(), { timeout: 15_000 })
          .toContain('API key');
        expect(await page.locator('#key-settings').getAttribute('open')).not.toBeNull();

        await page.getByLabel('Gateway API key').fill(key);
        await page.getByRole('button', { name: 'Save key' }).click();
        await expect
          .poll(() => page.locator('#price-line').textContent(), { timeout: 15_000 })
          .toMatch(/^\$/);
        expect(await page.evaluate(IN_PAGE.storedKey)).toBe(key);
        const snippet = (await page.locator('#snippet-code').textContent()) ?? '';
        expect(snippet).toContain('Authorization: Bearer $REELAY_API_KEY');
        expect(snippet).not.toContain(key);

        await page.getByLabel('Duration').selectOption('2');
        await page.getByRole('button', { name: 'Generate video' }).click();
        await expect
          .poll(() => page.locator('#job-status').textContent(), { timeout: 60_000 })
          .toBe('Completed');
        await expect.poll(() => page.evaluate(IN_PAGE.playerReady), { timeout: 30_000 }).toBe(true);
        const playable = (await page.evaluate(IN_PAGE.playerState)) as PlayerState;
        expect(Math.abs(playable.duration - 2)).toBeLessThanOrEqual(0.2);
        expect(await page.locator('#player').getAttribute('src')).toMatch(/^blob:/);

        // A key sees only its own jobs: the keyless ones from the tests above are not listed.
        await expect.poll(() => page.locator('.history-item').count(), { timeout: 15_000 }).toBe(1);

        await page.reload();
        expect(await page.locator('#key-state').textContent()).toBe(`${key.slice(0, 5)}…${key.slice(-4)}`);
        await expect.poll(() => page.locator('.history-item').count(), { timeout: 15_000 }).toBe(1);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        for (const entry of await gateway.engine.apiKeys.list())
          await gateway.engine.apiKeys.revoke(entry.id);
      }
    }, 120_000);

    it.skipIf(screenshotsDirFromEnv !== undefined)('leaves the tracked screenshots in docs/ alone', () => {
      expect(TRACKED_SCREENSHOTS.map(fingerprint)).toEqual(trackedBefore);
    });
  },
);

/** Size and modification time, or null when the file is absent. */
function fingerprint(file: string): string | null {
  if (!existsSync(file)) return null;
  const info = statSync(file);
  return `${info.size}:${info.mtimeMs}`;
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

async function hasCurl(): Promise<boolean> {
  try {
    await run('curl', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Without curl: read the URL, headers and body the snippet names, and send exactly those. */
async function replayCurl(snippet: string): Promise<string> {
  const unquote = (text: string) => text.slice(1, -1).replace(/'\\''/g, "'");
  const url = unquote(/^curl -sS ('[^']*')/.exec(snippet)?.[1] ?? "''");
  const headers = Object.fromEntries(
    [...snippet.matchAll(/-H '([^:]+): ([^']*)'/g)].map((match) => [match[1]!, match[2]!]),
  );
  const body = unquote(/-d ('(?:[^']|'\\'')*')$/.exec(snippet)?.[1] ?? "''");
  const response = await fetch(url, { method: 'POST', headers, body });
  return response.text();
}
