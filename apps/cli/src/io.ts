export type Io = {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
};

/** Colour and animation only for a person at a terminal: not in pipes, not with NO_COLOR, not with --json. */
export function isInteractive(io: Io, json: boolean): boolean {
  return io.stdout.isTTY === true && !json && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}
