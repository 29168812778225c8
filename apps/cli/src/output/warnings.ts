import type { VideoWarning } from '@reelay/core';
import type { Io } from '../io';
import type { Colors } from './colors';

type KeysOfEither<T> = T extends unknown ? keyof T : never;
/**
 * Any variant of core's `VideoWarning` (`metadata.warnings`, the dry run's `warnings`), read leniently: a newer
 * gateway may send a variant this CLI does not know.
 */
type Warning = Partial<Record<KeysOfEither<VideoWarning>, string>>;

export function describeWarning(warning: unknown): string {
  const { feature, setting, details, message } = (warning ?? {}) as Warning;
  if (message) return message;
  const subject = feature ?? setting;
  if (subject && details) return `${subject}: ${details}`;
  return details ?? subject ?? JSON.stringify(warning);
}

/**
 * Prints each distinct warning once, on stderr, so `--json` output on stdout stays machine-readable while a person
 * (or a log) still sees that a model is retired, a parameter was changed or the answer came from the sandbox.
 */
export function createWarningPrinter(io: Io, colors: Colors) {
  const printed = new Set<string>();
  return {
    print(warnings: readonly unknown[] | undefined): void {
      for (const warning of warnings ?? []) this.line(describeWarning(warning));
    },
    sandbox(sandbox: boolean | undefined): void {
      if (sandbox)
        this.line(
          'sandbox mode: a built-in simulator answered and rendered a test pattern, not a real model; nothing was billed. Set a provider key (e.g. FAL_KEY) for real videos.',
        );
    },
    line(text: string): void {
      if (printed.has(text)) return;
      printed.add(text);
      io.stderr.write(`${colors.yellow('warning:')} ${text}\n`);
    },
  };
}
