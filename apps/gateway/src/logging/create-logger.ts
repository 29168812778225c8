import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './log-levels';
import { redactSecrets } from './redact-secrets';

export type GatewayLogger = Logger;

export type CreateLoggerOptions = {
  level: LogLevel;
  /**
   * Receives each line, as JSON, instead of standard error (tests, embedding). Default: standard error,
   * readable lines on a terminal and JSON lines otherwise.
   */
  lines?: ((line: string) => void) | undefined;
};

/**
 * The gateway's logger (pino): one JSON object per line with `time`, `level`, `event` and `msg`, or, on a
 * terminal, readable lines (pino-pretty, loaded only then).
 *
 * @example
 * const logger = await createLogger({ level: 'info' });
 * logger.info({ event: 'gateway.started', url }, 'listening');
 */
export async function createLogger(options: CreateLoggerOptions): Promise<GatewayLogger> {
  const settings = {
    level: options.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }), log: redactSecrets },
  };
  if (options.lines) return pino(settings, lineSink(options.lines));
  if (process.stderr.isTTY) {
    const { default: pretty } = await import('pino-pretty');
    return pino(
      settings,
      pretty({
        destination: 2,
        sync: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
      }),
    );
  }
  return pino(settings, pino.destination({ dest: 2, sync: false }));
}

function lineSink(lines: (line: string) => void): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') lines(line);
    },
  };
}
