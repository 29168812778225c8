/** Exit codes, documented in the README: scripts rely on them. */
export const ExitCode = { ok: 0, jobFailed: 1, usage: 2, routeOrUpstream: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the person at the terminal: what went wrong and what would work. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}
