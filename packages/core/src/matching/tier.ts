import type { Dimensions, ResolutionTier } from '../spec/capabilities';

const MEBI = 1024 * 1024;

type ParsedTier = { family: 'p' | 'K' | 'MP'; value: number };

export function parseTier(text: string): ParsedTier | undefined {
  const match = /^(\d+(?:\.\d+)?)(p|K|MP)$/i.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!(value > 0)) return undefined;
  const unit = match[2]!.toLowerCase();
  return { family: unit === 'p' ? 'p' : unit === 'k' ? 'K' : 'MP', value };
}

/** `"1k"` → `"1K"`, `"720P"` → `"720p"`: one spelling per tier. */
export function canonicalTier(text: string): ResolutionTier | undefined {
  const tier = parseTier(text);
  return tier ? `${tier.value}${tier.family}` : undefined;
}

/**
 * The size a tier means at a given aspect ratio (width / height).
 * `p` tiers fix the short side; K and megapixel tiers fix the area, so `16:9` at `1K` is 1365x768.
 */
export function dimensionsForTier(tier: ResolutionTier, ratio: number): Dimensions {
  const parsed = parseTier(tier);
  if (!parsed) throw new RangeError(`Not a resolution tier: ${tier}`);
  if (parsed.family === 'p') {
    const short = parsed.value;
    // Video sides must be even for 4:2:0 chroma, so 768p at 16:9 is 1366x768, not 1365.
    const long = 2 * Math.round((short * (ratio >= 1 ? ratio : 1 / ratio)) / 2);
    return ratio >= 1 ? { width: long, height: short } : { width: short, height: long };
  }
  const area = parsed.family === 'K' ? (parsed.value * 1024) ** 2 : parsed.value * MEBI;
  return { width: Math.round(Math.sqrt(area * ratio)), height: Math.round(Math.sqrt(area / ratio)) };
}

/** Pixel area of a tier at a ratio: the scale every tier family is compared on. */
export function tierArea(tier: ResolutionTier, ratio: number): number {
  const { width, height } = dimensionsForTier(tier, ratio);
  return width * height;
}

/** The tier a size is closest to among the given tiers (by area, in log space). */
export function nearestTier(area: number, ratio: number, tiers: readonly ResolutionTier[]): ResolutionTier {
  return pickNearest(
    tiers,
    (tier) => Math.abs(Math.log(tierArea(tier, ratio)) - Math.log(area)),
    (tier) => tierArea(tier, ratio),
  );
}

/**
 * The candidate with the smallest distance. Ties (within 1e-9) go to the larger candidate: a user who asked
 * for something between two options gets at least what was asked.
 */
export function pickNearest<T>(
  candidates: readonly T[],
  distance: (candidate: T) => number,
  size: (candidate: T) => number,
): T {
  let best: T | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(candidate);
    if (
      d < bestDistance - 1e-9 ||
      (Math.abs(d - bestDistance) <= 1e-9 && best !== undefined && size(candidate) > size(best))
    ) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) throw new RangeError('pickNearest needs at least one candidate');
  return best;
}
