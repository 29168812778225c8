import type { AspectRatio, Dimensions, ResolutionTier, SizeCapability } from '../spec/capabilities';
import type { JsonObject } from '../spec/json-value';
import { formatDimensions, parseRatio, ratioDistance, ratioOf } from './ratio';
import type { SizeTarget } from './size-target';
import { dimensionsForTier, nearestTier, pickNearest, tierArea } from './tier';

export type SizeMatch = {
  dimensions: Dimensions;
  tier: ResolutionTier;
  /** Upstream fields asking for this size. */
  wire: JsonObject;
  /** The result is not exactly what was asked (shape, scale or exact size). */
  snapped: boolean;
  /** Pixel limits forced a smaller or larger size (the ratio was kept). */
  clamped: boolean;
};

const RATIO_TOLERANCE = 0.01;
/** Shapes within 3% of the closest count as the same shape (1792x1024 is 16:9 for practical purposes). */
const SHAPE_TOLERANCE = Math.log(1.03);

/** Picks the supported size closest to the target: shape first (log ratio), then scale (log area). */
export function matchSize(capability: SizeCapability, target: SizeTarget): SizeMatch {
  switch (capability.kind) {
    case 'list':
      return matchList(capability, target);
    case 'grid':
      return matchGrid(capability, target);
    case 'range':
      return matchRange(capability, target);
  }
}

/** The values a strict request could have used, for error messages. */
export function describeSupportedSizes(capability: SizeCapability): string[] {
  switch (capability.kind) {
    case 'list':
      return capability.options.map((option) => `${formatDimensions(option)} (${option.tier})`);
    case 'grid':
      return capability.aspectRatios.flatMap((ratio) =>
        capability.tiers.map((tier) => `${ratio} at ${tier}`),
      );
    case 'range':
      return [
        `any WxH with ${capability.minPixels}–${capability.maxPixels} pixels, sides ≤ ${capability.maxSide} and multiples of ${capability.multipleOf}`,
      ];
  }
}

function matchList(capability: Extract<SizeCapability, { kind: 'list' }>, target: SizeTarget): SizeMatch {
  const ratio = target.ratio ?? ratioOf(capability.default);
  const bestRatio = Math.min(...capability.options.map((option) => ratioDistance(ratioOf(option), ratio)));
  const sameShape = capability.options.filter(
    (option) => ratioDistance(ratioOf(option), ratio) <= bestRatio + SHAPE_TOLERANCE,
  );
  const area = targetArea(target, ratio) ?? capability.default.width * capability.default.height;
  const chosen = pickNearest(
    sameShape,
    (option) => Math.abs(Math.log(option.width * option.height) - Math.log(area)),
    (option) => option.width * option.height,
  );
  const dimensions = { width: chosen.width, height: chosen.height };
  return {
    dimensions,
    tier: chosen.tier,
    wire: chosen.wire,
    snapped: isSnapped(target, dimensions, chosen.tier),
    clamped: false,
  };
}

function matchGrid(capability: Extract<SizeCapability, { kind: 'grid' }>, target: SizeTarget): SizeMatch {
  const wanted = target.ratio ?? (parseRatio(capability.default.aspectRatio) as number);
  const aspectRatio = pickNearest(
    capability.aspectRatios,
    (candidate) => ratioDistance(parseRatio(candidate) as number, wanted),
    (candidate) => parseRatio(candidate) as number,
  );
  const ratio = parseRatio(aspectRatio) as number;
  const area = targetArea(target, ratio);
  const tier = area === undefined ? capability.default.tier : nearestTier(area, ratio, capability.tiers);
  const dimensions = dimensionsForTier(tier, ratio);
  const wire: JsonObject = {};
  if (capability.aspectRatioField !== undefined) wire[capability.aspectRatioField] = aspectRatio;
  if (capability.tierField !== undefined) wire[capability.tierField] = capability.tierWire?.[tier] ?? tier;
  return {
    dimensions,
    tier,
    wire,
    snapped: isSnapped(target, dimensions, tier, aspectRatio),
    clamped: false,
  };
}

function matchRange(capability: Extract<SizeCapability, { kind: 'range' }>, target: SizeTarget): SizeMatch {
  const ratio = target.ratio ?? ratioOf(capability.default);
  const wantedArea = targetArea(target, ratio) ?? capability.default.width * capability.default.height;
  let area = Math.min(Math.max(wantedArea, capability.minPixels), capability.maxPixels);
  let width = Math.sqrt(area * ratio);
  let height = Math.sqrt(area / ratio);
  const longest = Math.max(width, height);
  if (longest > capability.maxSide) {
    width *= capability.maxSide / longest;
    height *= capability.maxSide / longest;
  }
  const step = capability.multipleOf;
  width = Math.max(step, Math.round(width / step) * step);
  height = Math.max(step, Math.round(height / step) * step);
  while ((width * height > capability.maxPixels || width > capability.maxSide) && width > step) width -= step;
  while ((width * height > capability.maxPixels || height > capability.maxSide) && height > step)
    height -= step;
  area = width * height;
  const dimensions = { width, height };
  const clamped = Math.abs(Math.log(area) - Math.log(wantedArea)) > 0.05;
  const tier: ResolutionTier = `${Math.min(width, height)}p`;
  const wire: JsonObject =
    capability.wire === 'width-height' ? { width, height } : { size: formatDimensions(dimensions) };
  return { dimensions, tier, wire, snapped: clamped || isSnapped(target, dimensions, tier), clamped };
}

function targetArea(target: SizeTarget, ratio: number): number | undefined {
  if (target.exact) return target.exact.width * target.exact.height;
  if (target.tier) return tierArea(target.tier, ratio);
  return undefined;
}

function isSnapped(
  target: SizeTarget,
  dimensions: Dimensions,
  tier: ResolutionTier,
  aspectRatio?: AspectRatio,
): boolean {
  if (target.exact)
    return target.exact.width !== dimensions.width || target.exact.height !== dimensions.height;
  const ratio = aspectRatio === undefined ? ratioOf(dimensions) : (parseRatio(aspectRatio) as number);
  if (target.ratio !== undefined && Math.abs(ratio / target.ratio - 1) > RATIO_TOLERANCE) return true;
  if (target.tier !== undefined && target.tier !== tier) {
    // A tier named differently but meaning the same pixels (1080p vs a 1920x1080 option) is not a change.
    return (
      Math.abs(Math.log(tierArea(target.tier, ratio)) - Math.log(dimensions.width * dimensions.height)) > 0.02
    );
  }
  return false;
}
