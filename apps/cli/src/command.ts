import type { Io } from './io';
import type { FlagSpec } from './parse-flags';

export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** Flag name → one line of help. */
  flagHelp: Record<string, string>;
  examples: string[];
  run(io: Io, argv: string[]): Promise<number>;
};

export type { FlagSpec };

export function formatCommandHelp(command: Command): string {
  const flags = Object.entries({
    ...command.flagHelp,
    json: 'print machine-readable JSON only',
    url: 'gateway URL (default: $REELAY_URL, else an in-process gateway)',
    'api-key': 'gateway API key (default: $REELAY_API_KEY)',
    help: 'show this help',
  });
  const width = Math.max(...flags.map(([name]) => name.length)) + 4;
  return [
    `${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Flags:',
    ...flags.map(([name, help]) => `  --${name.padEnd(width)}${help}`),
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}
