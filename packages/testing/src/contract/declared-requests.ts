import { dimensionsForTier, formatDimensions, parseRatio, type VideoOffering } from '@reelay/core';

/** One request per declared size and per declared duration, for checking that the provider accepts them all. */
export function declaredRequests(
  offering: VideoOffering,
): Array<{ size?: string; seconds?: number; label: string }> {
  const { size, duration } = offering.capabilities;
  const sizes: string[] =
    size.kind === 'list'
      ? size.options.map(formatDimensions)
      : size.kind === 'grid'
        ? size.aspectRatios.flatMap((ratio) =>
            size.tiers.map((tier) => formatDimensions(dimensionsForTier(tier, parseRatio(ratio) as number))),
          )
        : [formatDimensions(size.default)];
  return [
    ...sizes.map((value) => ({ size: value, label: `size ${value}` })),
    ...duration.values.map((seconds) => ({ seconds, label: `${seconds} s` })),
  ];
}
