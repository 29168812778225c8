/** undici's plain header record as a web `Headers`. */
export function toHeaders(record: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Lower-cased header names, later sources winning; `undefined` values are skipped. */
export function mergeHeaders(
  ...sources: Array<Record<string, string | undefined> | undefined>
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of Object.entries(source)) {
      if (value !== undefined) merged[name.toLowerCase()] = value;
    }
  }
  return merged;
}

export function contentLengthOf(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number.parseInt(value, 10);
}
