const COMMON_RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16', '9:21'] as const;

/** `"16:9"` → 1.777…; `undefined` when not `W:H`. */
export function ratioValue(ratio: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(ratio);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? width / height : undefined;
}

/**
 * The common ratio a size is closest to, within 3 %: 1792x1024 is "16:9" to a person even though it reduces
 * to 7:4. Anything else is shown reduced.
 */
export function ratioOfSize(width: number, height: number): string {
  const value = width / height;
  for (const ratio of COMMON_RATIOS) {
    const common = ratioValue(ratio)!;
    if (Math.abs(Math.log(value) - Math.log(common)) < 0.03) return ratio;
  }
  const divisor = gcd(width, height);
  return `${width / divisor}:${height / divisor}`;
}

/** Widest first: 21:9, 16:9, 4:3, 1:1, 3:4, 9:16. */
export function compareRatios(a: string, b: string): number {
  return (ratioValue(b) ?? 0) - (ratioValue(a) ?? 0);
}

export function orientationOf(width: number, height: number): 'landscape' | 'portrait' | 'square' {
  return width === height ? 'square' : width > height ? 'landscape' : 'portrait';
}

export const FALLBACK_RATIOS: readonly string[] = COMMON_RATIOS.slice(0, 6);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
