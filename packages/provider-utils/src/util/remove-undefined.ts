/** A shallow copy without the keys whose value is `undefined`, for bodies and headers built from options. */
export function removeUndefined<V>(record: Readonly<Record<string, V | undefined>>): Record<string, V> {
  const result: Record<string, V> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}
