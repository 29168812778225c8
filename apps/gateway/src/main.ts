import { runKeysCommand } from './keys-command';
import { runMigrateCommand } from './migrate-command';
import { SandboxUnavailableError } from './sandbox';
import { ConfigError } from './settings/config-error';
import { startGateway } from './start-gateway';
import { runUsageCommand } from './usage-command';

/* The `reelay-gateway` bin: the only place that touches process-wide state (argv, signals, exit codes). */

const HELP = `reelay-gateway — OpenAI-compatible /v1/videos for every AI video model

usage:
  reelay-gateway                      start the gateway (settings from the environment, see README)
  reelay-gateway keys create <name> [--scope project|admin] [--daily-budget <usd>] [--monthly-budget <usd>]
                                    [--rate-limit <requests per minute>]
                                      create an API key (printed once)
  reelay-gateway keys set <id> [--daily-budget …] [--monthly-budget …] [--rate-limit …]
                                      change a key's limits ('none' lifts one)
  reelay-gateway keys list            list API keys with their scopes and limits
  reelay-gateway keys revoke <id>     revoke an API key
  reelay-gateway usage [--start …] [--end …] [--group-by …] [--format json|csv]
                                      every key's usage (spend, videos, seconds, failures), as GET /v1/usage
  reelay-gateway migrate              apply the database migrations of REELAY_DATABASE_URL, then exit`;

const RELAYED_SIGNAL_MS = 1000;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (argv[0] === 'keys') {
    process.exitCode = await runKeysCommand(argv.slice(1), {
      env: process.env,
      out: (line) => process.stdout.write(`${line}\n`),
      err: log,
    });
    return;
  }
  if (argv[0] === 'usage') {
    process.exitCode = await runUsageCommand(argv.slice(1), {
      env: process.env,
      out: (line) => process.stdout.write(`${line}\n`),
      err: log,
    });
    return;
  }
  if (argv[0] === 'migrate' && argv.length === 1) {
    process.exitCode = await runMigrateCommand({
      env: process.env,
      out: (line) => process.stdout.write(`${line}\n`),
      err: log,
    });
    return;
  }
  if (argv.length > 0) {
    log(`unknown argument '${argv[0]}'\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }

  // Listening before the start, so a Ctrl-C during start-up also ends in a clean shutdown.
  const starting = startGateway({ env: process.env });
  let stoppingSince: number | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C reaches us twice under `pnpm start` (from the terminal, and relayed by pnpm): not a second press.
      if (Date.now() - stoppingSince < RELAYED_SIGNAL_MS) return;
      log(`${signal} again: exiting now`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    log(`${signal}: shutting down (unfinished jobs resume on the next start)`);
    void starting
      .then((gateway) => gateway.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log(`shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await starting;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SandboxUnavailableError) log(error.message);
  else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  // exitCode rather than exit(): stderr to a pipe is asynchronous and must flush first
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 2000).unref();
});
