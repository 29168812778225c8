// Smoke on the Node.js running this file: start the built gateway in sandbox mode on a free port, then one
// create → completed → content through the official openai SDK. Exits non-zero with the reason on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';

const gatewayMain = fileURLToPath(new URL('../../apps/gateway/dist/main.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'reelay-smoke-'));
const gateway = spawn(process.execPath, [gatewayMain], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REELAY_SANDBOX: '1', REELAY_DATA_DIR: dataDir },
  stdio: ['ignore', 'ignore', 'pipe'],
});

function fail(reason) {
  process.stderr.write(`smoke on Node ${process.version} failed: ${reason}\n`);
  gateway.kill('SIGKILL');
  process.exit(1);
}

const timer = setTimeout(() => fail('no completed video within 60 s'), 60_000);

const baseURL = await new Promise((resolve) => {
  let seen = '';
  gateway.stderr.on('data', (chunk) => {
    seen += chunk;
    const match = /listening on (http:\/\/[^\s"]+)/.exec(seen);
    if (match) resolve(`${match[1]}/v1`);
  });
  gateway.once('exit', (code) => fail(`the gateway exited (${code}) before listening:\n${seen}`));
});

const client = new OpenAI({ baseURL, apiKey: 'sandbox' });
let video = await client.videos.create({
  model: 'kling-3',
  prompt: 'a smoke test',
  seconds: '4',
  size: '1280x720',
});
while (video.status === 'queued' || video.status === 'in_progress') {
  await new Promise((resolve) => setTimeout(resolve, 250));
  video = await client.videos.retrieve(video.id);
}
if (video.status !== 'completed') fail(`video ended ${video.status}: ${JSON.stringify(video.error)}`);
const bytes = Buffer.from(await (await client.videos.downloadContent(video.id)).arrayBuffer());
if (bytes.subarray(4, 8).toString('latin1') !== 'ftyp') fail('the content is not an MP4');

clearTimeout(timer);
gateway.removeAllListeners('exit');
gateway.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(
  `smoke on Node ${process.version}: ${video.id} completed, ${bytes.length} bytes of MP4\n`,
);
