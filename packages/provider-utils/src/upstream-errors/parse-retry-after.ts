/**
 * How long the provider asked us to wait, in milliseconds: `retry-after-ms` (OpenAI), then `Retry-After` as
 * seconds or an HTTP date. `undefined` when absent, unparsable or negative.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }

  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;

  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number.parseFloat(retryAfter) * 1000);

  // An HTTP date always has letters (`Wed, 21 Oct 2015 07:28:00 GMT`); `-5` must not parse as a year.
  if (!/[a-z]/i.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
