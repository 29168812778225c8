export { CliError, ExitCode } from './cli-error';
export { type Io, processIo } from './io';
export { commands, runCli } from './run-cli';
