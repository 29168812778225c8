import { CliError, ExitCode } from './cli-error';
import { type Command, formatCommandHelp } from './command';
import { generateCommand } from './commands/generate';
import { jobsCommand } from './commands/jobs';
import { keysCommand } from './commands/keys';
import { modelsCommand } from './commands/models';
import { pluginCommand } from './commands/plugin';
import { priceCommand } from './commands/price';
import { serveCommand } from './commands/serve';
import { simulatorsCommand } from './commands/simulators';
import type { Io } from './io';
import { suggest } from './suggest';
import { VERSION } from './version';

export const commands: Command[] = [
  generateCommand,
  modelsCommand,
  priceCommand,
  jobsCommand,
  keysCommand,
  serveCommand,
  simulatorsCommand,
  pluginCommand,
];

function mainHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    'reelay — one API for every AI video model',
    '',
    'Usage: reelay <command> [flags]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Every command takes --json (machine-readable output only) and --help.',
    'Without --url or REELAY_URL, commands run the gateway in-process (sandbox mode when no provider keys are set).',
    '',
    'Exit codes: 0 ok, 1 the job failed, 2 bad usage, 3 route or upstream error.',
    '',
    'Examples:',
    '  reelay generate "a paper boat on a rainy street" --model veo-3.1 --seconds 4 -o boat.mp4',
    '  reelay models',
    '  reelay price veo-3.1 --seconds 8 --resolution 1080p',
    '  reelay plugin init acme',
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code; never calls process.exit, so tests can drive it. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  const json = rest.includes('--json');
  if (!command) {
    const guess = suggest(
      name,
      commands.map((candidate) => candidate.name),
    );
    return report(
      io,
      json,
      new CliError(
        `Unknown command '${name}'.${guess ? ` Did you mean '${guess}'?` : ''} See 'reelay --help'.`,
        ExitCode.usage,
      ),
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(formatCommandHelp(command));
    return ExitCode.ok;
  }
  try {
    return await command.run(io, rest);
  } catch (error) {
    return report(io, json, error);
  }
}

function report(io: Io, json: boolean, error: unknown): number {
  const cliError =
    error instanceof CliError
      ? error
      : isReelayError(error)
        ? new CliError(
            error.message,
            error.status === 400 || error.status === 404 ? ExitCode.usage : ExitCode.routeOrUpstream,
          )
        : new CliError(
            `Unexpected error: ${(error as Error)?.message ?? String(error)}`,
            ExitCode.routeOrUpstream,
          );
  if (json)
    io.stdout.write(
      `${JSON.stringify({ error: { message: cliError.message, exit_code: cliError.exitCode } })}\n`,
    );
  else io.stderr.write(`reelay: ${cliError.message}\n`);
  return cliError.exitCode;
}

/**
 * `ReelayError.isInstance`, without importing @reelay/core (and zod) on every start: `reelay --help` must be quick.
 * The marker is core's cross-install contract, so this stays in step with it.
 */
function isReelayError(error: unknown): error is Error & { status: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[Symbol.for('reelay.error')] === true
  );
}
