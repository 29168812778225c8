/** Fields of one log line. Values are plain JSON; never a credential, an image or (above debug) a prompt. */
export type LogFields = Record<string, unknown>;

type LogMethod = (fields: LogFields, message: string) => void;

/**
 * Where the engine writes its log lines: a pino `Logger` fits as is, and so does anything with these methods.
 * Lines carry an `event` name (`job.submitted`, `webhook.retry`, …) that the gateway README lists.
 */
export type EngineLogger = {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
};

const ignore: LogMethod = () => undefined;

/** The default: the engine as a library stays quiet unless given a logger. */
export const silentLogger: EngineLogger = { error: ignore, warn: ignore, info: ignore, debug: ignore };
