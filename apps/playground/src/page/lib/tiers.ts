/**
 * A comparable scale for resolution tiers of any family: `p` tiers by short side, K and MP tiers by area,
 * so `720p` < `1K` < `1080p` < `4K`.
 */
export function tierScale(tier: string): number {
  const match = /^(\d+(?:\.\d+)?)(p|K|MP)$/i.exec(tier.trim());
  if (!match) return Number.POSITIVE_INFINITY;
  const value = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit === 'p') return value * value * (16 / 9);
  if (unit === 'k') return (value * 1024) ** 2;
  return value * 1024 * 1024;
}

export function compareTiers(a: string, b: string): number {
  return tierScale(a) - tierScale(b) || a.localeCompare(b);
}

/** `"720p"` and `"1080p"` → `"720p–1080p"`; one tier alone is just that tier. */
export function tierSpan(tiers: readonly string[]): string {
  const sorted = [...tiers].sort(compareTiers);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? first : `${first}–${last}`;
}
