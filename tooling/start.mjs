#!/usr/bin/env node
// `pnpm start`: build what the gateway needs (saying so, since a first build takes minutes), then run the gateway
// in this process, so Ctrl-C reaches it directly and a clean shutdown ends with exit code 0.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const gatewayMain = new URL('../apps/gateway/dist/main.js', import.meta.url);
const say = (line) => process.stderr.write(`${line}\n`);
const TICK_MS = 20_000;

const firstRun = !existsSync(fileURLToPath(gatewayMain));
say(
  firstRun
    ? 'reelay: building the gateway and the packages it uses (first run: a minute or two; later runs take seconds)…'
    : 'reelay: checking the build…',
);
const started = Date.now();
let stopped = false;
const onSignal = () => {
  stopped = true;
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const turbo = spawn(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@reelay/gateway...',
    '--output-logs=errors-only',
    '--log-prefix=none',
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
const ticker = setInterval(
  () => say(`reelay: still building (${Math.round((Date.now() - started) / 1000)} s)…`),
  TICK_MS,
);
const code = await new Promise((resolve) => {
  turbo.on('error', (error) => {
    say(`reelay: could not run the build: ${error.message}`);
    resolve(1);
  });
  turbo.on('close', (exitCode) => resolve(exitCode ?? 1));
});
clearInterval(ticker);
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);

if (stopped) {
  say('reelay: stopped before the gateway started.');
} else if (code !== 0) {
  say(
    `reelay: the build failed (exit code ${code}); the errors are above. Fix them, or run pnpm build to see more.`,
  );
  process.exitCode = code;
} else {
  say(`reelay: built in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the gateway.`);
  await import(gatewayMain.href);
}
