import { InvalidRequestError } from '../errors/invalid-request-error';
import type { Dimensions, ResolutionTier } from '../spec/capabilities';
import { parseDimensions, parseRatio } from './ratio';
import { canonicalTier } from './tier';

export type SizeRequest = {
  size?: string | undefined;
  aspectRatio?: string | undefined;
  resolution?: string | undefined;
};

/** Which public parameters decided the size, after the priority rule. */
export type SizeSource = 'size' | 'aspect_ratio+resolution' | 'aspect_ratio' | 'resolution' | 'default';

/** What the user asked for, reduced to a shape and a scale, before looking at any offering. */
export type SizeTarget = {
  source: SizeSource;
  /** Exact size asked with `size: "WxH"`. */
  exact: Dimensions | undefined;
  /** width / height asked, from `size` or `aspect_ratio`. */
  ratio: number | undefined;
  ratioText: string | undefined;
  tier: ResolutionTier | undefined;
  /** Public parameters that lost to a higher-priority one, e.g. `aspect_ratio` beside `size: "1920x1080"`. */
  overridden: Array<'aspect_ratio' | 'resolution'>;
};

/**
 * Applies the priority rule: `size` beats `aspect_ratio` + `resolution`, which beat either alone;
 * `size: "W:H"` means the same as `aspect_ratio`; nothing (or `auto`) means the model's default.
 */
export function resolveSizeTarget(request: SizeRequest): SizeTarget {
  const size = request.size === 'auto' ? undefined : request.size;
  const aspectRatio = request.aspectRatio === 'auto' ? undefined : request.aspectRatio;
  const tier = request.resolution === undefined ? undefined : canonicalTier(request.resolution);
  if (request.resolution !== undefined && tier === undefined) {
    throw new InvalidRequestError({
      param: 'resolution',
      message: `resolution '${request.resolution}' is not a tier. Use one like "720p", "1080p", "1K", "4K" or "1MP".`,
    });
  }

  const exact = size === undefined ? undefined : parseDimensions(size);
  if (exact) {
    const overridden: SizeTarget['overridden'] = [];
    if (aspectRatio !== undefined) overridden.push('aspect_ratio');
    if (tier !== undefined) overridden.push('resolution');
    return {
      source: 'size',
      exact,
      ratio: exact.width / exact.height,
      ratioText: undefined,
      tier: undefined,
      overridden,
    };
  }

  const sizeRatio = size === undefined ? undefined : parseRatio(size);
  if (size !== undefined && sizeRatio === undefined) {
    throw new InvalidRequestError({
      param: 'size',
      message: `size '${size}' is not valid. Use "WxH" (1280x720), "W:H" (16:9) or "auto".`,
    });
  }
  const ratioText = sizeRatio !== undefined ? size : aspectRatio;
  const ratio = sizeRatio ?? (aspectRatio === undefined ? undefined : parseRatio(aspectRatio));
  if (ratioText !== undefined && ratio === undefined) {
    throw new InvalidRequestError({
      param: 'aspect_ratio',
      message: `aspect_ratio '${ratioText}' is not valid. Use "W:H" with positive numbers, e.g. "16:9".`,
    });
  }
  const overridden: SizeTarget['overridden'] =
    sizeRatio !== undefined && aspectRatio !== undefined ? ['aspect_ratio'] : [];

  const source: SizeSource =
    ratio !== undefined && tier !== undefined
      ? 'aspect_ratio+resolution'
      : ratio !== undefined
        ? 'aspect_ratio'
        : tier !== undefined
          ? 'resolution'
          : 'default';
  return { source, exact: undefined, ratio, ratioText, tier, overridden };
}
