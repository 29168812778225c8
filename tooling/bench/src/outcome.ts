/** A measurement, or why it could not be taken (the run goes on and the report says so). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs one measurement; a failure becomes an outcome, explained by `explain()` (e.g. a crashed gateway's log). */
export async function attempt<T>(
  name: string,
  progress: (line: string) => void,
  measure: () => T | Promise<T>,
  explain: () => string | undefined = () => undefined,
): Promise<Outcome<T>> {
  progress(`bench: ${name}`);
  try {
    return { ok: true, value: await measure() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = explain();
    progress(`bench: ${name} failed: ${message}${why === undefined ? '' : `\n${why}`}`);
    const summary = message.split('\n')[0]!.slice(0, 300);
    return { ok: false, error: why === undefined ? summary : `${summary}; ${why.split('\n')[0]}` };
  }
}
