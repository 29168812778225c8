import { type ParseArgsConfig, parseArgs } from 'node:util';
import { usageError } from './cli-error';
import { suggest } from './suggest';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const globalFlags = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
} as const satisfies FlagSpec;

/**
 * `node:util` parseArgs, with errors that name the flag and suggest the one probably meant.
 */
type ParsedFlags<T extends FlagSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof globalFlags & T; allowPositionals: true; strict: true }>
>;

export function parseFlags<T extends FlagSpec>(argv: string[], flags: T, command: string): ParsedFlags<T> {
  const options = { ...globalFlags, ...flags };
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown) {
      const guess = suggest(unknown.replace(/^-+/, ''), Object.keys(options));
      throw usageError(
        `Unknown flag ${unknown} for 'reelay ${command}'.${guess ? ` Did you mean --${guess}?` : ''} See 'reelay ${command} --help'.`,
      );
    }
    const missing = /Option '(-{1,2}[^']+?)(?: <value>)?' argument missing/.exec(message)?.[1];
    if (missing) throw usageError(`Flag ${missing} needs a value. See 'reelay ${command} --help'.`);
    throw usageError(`${message.replace(/\. To specify.*$/, '')}. See 'reelay ${command} --help'.`);
  }
}

/** A number flag, named in the error when it is not one. */
export function numberFlag(
  value: string | undefined,
  flag: string,
  { integer = false, min = 0 } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed))) {
    throw usageError(
      `--${flag} must be ${integer ? 'a whole number' : 'a number'}${min > 0 ? ` ≥ ${min}` : ''}, not '${value}'.`,
    );
  }
  return parsed;
}
