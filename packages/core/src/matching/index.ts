export { type DurationMatch, durationRange, formatDuration, matchDuration } from './match-duration';
export { type MediaCounts, ROUTED_PARAMETERS, type RoutedParameter } from './match-inputs';
export { type MatchInput, matchRequest, type NormalizedRequest, type SourceVideo } from './match-request';
export { describeSupportedSizes, matchSize, type SizeMatch } from './match-size';
export {
  type NormalizationAction,
  type NormalizationEntry,
  normalizationActionSchema,
  normalizationEntrySchema,
  REDACTED,
} from './normalization-entry';
export { formatDimensions, parseDimensions, parseRatio, ratioDistance, ratioOf, reduceRatio } from './ratio';
export { resolveSizeTarget, type SizeRequest, type SizeSource, type SizeTarget } from './size-target';
export { canonicalTier, dimensionsForTier, nearestTier, parseTier, pickNearest, tierArea } from './tier';
export { toSubmitRequest } from './to-submit-request';
