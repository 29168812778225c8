import type { Io } from '../io';
import type { Colors } from './colors';

/** The shapes of `metadata.warnings` and the dry run's `warnings` (core's VideoWarning), read leniently. */
type Warning = { type?: string; feature?: string; setting?: string; details?: string; message?: string };

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
