/**
 * Runs `task` once calls stop for `waitMs`, aborting the previous run's signal as soon as a new call comes in:
 * a stale dry run never overwrites a newer one.
 */
export function debounceAbortable(task: (signal: AbortSignal) => Promise<void>, waitMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    controller?.abort();
    const current = new AbortController();
    controller = current;
    timer = setTimeout(() => {
      timer = undefined;
      void task(current.signal);
    }, waitMs);
  };
  schedule.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    controller?.abort();
  };
  return schedule;
}
