const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `Cancel-After: 1m` / `90s` / `1h30m` / `500ms` (Go duration syntax), or a bare number of seconds, in ms.
 * `undefined` when the value is not a positive duration.
 */
export function parseCancelAfter(value: string): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return positive(Number(text) * 1000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2]!] ?? 0);
  }
  return positive(total);
}

/** `Prefer: wait` holds the request up to 60 s; `wait=N` up to N (1–60). `undefined` when not asked. */
export function parsePreferWait(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /(?:^|[\s,;])wait(?:=(\d+))?(?:$|[\s,;])/.exec(value);
  if (!match) return undefined;
  const seconds = match[1] === undefined ? 60 : Number(match[1]);
  return Math.min(60, Math.max(1, seconds));
}

function positive(ms: number): number | undefined {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}
