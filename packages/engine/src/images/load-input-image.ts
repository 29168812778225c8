import type { CreateVideoRequest } from '@reelay/core';
import type { SafeFetcher } from '@reelay/provider-utils';
import { checkImage, type ImageLimits } from './check-image';
import { decodeDataUri } from './data-uri';
import { fetchMedia, parseMediaUrl } from './fetch-media';
import type { ImageInfo } from './image-info';

export type LoadedImage = {
  bytes: Uint8Array;
  info: ImageInfo;
  filename: string;
  /** Set when the image came as a URL, so providers that fetch URLs get it as is. */
  url: string | undefined;
};

export type ImageLoaderOptions = {
  safeFetcher: SafeFetcher;
  limits: ImageLimits;
  /** Origins whose plain-http URLs are accepted (the simulators in sandbox mode). */
  trustedOrigins: readonly string[];
};

/**
 * Turns `input_reference` (an upload, an https URL or a data URI) into checked bytes. A URL goes through the
 * safe fetcher: private, loopback, link-local and metadata addresses are refused with 400 `unsafe_url`.
 */
export async function loadInputImage(
  reference: NonNullable<CreateVideoRequest['input_reference']>,
  options: ImageLoaderOptions,
  param = 'input_reference',
): Promise<LoadedImage> {
  const { limits } = options;
  if (typeof reference === 'object' && 'kind' in reference) {
    const info = checkImage(reference.data, limits, param);
    return {
      bytes: reference.data,
      info,
      filename: reference.filename || `image${extensionOf(info)}`,
      url: undefined,
    };
  }
  const text = typeof reference === 'string' ? reference : reference.image_url;
  if (text.startsWith('data:')) {
    const { bytes } = decodeDataUri(text, limits.maxBytes, param);
    const info = checkImage(bytes, limits, param);
    return { bytes, info, filename: `image${extensionOf(info)}`, url: undefined };
  }
  const url = parseMediaUrl(text, options.trustedOrigins, param);
  const bytes = await fetchMedia(options.safeFetcher, url, limits.maxBytes, param);
  const info = checkImage(bytes, limits, param);
  const name = url.pathname.split('/').pop() || '';
  return { bytes, info, filename: name.includes('.') ? name : `image${extensionOf(info)}`, url: url.href };
}

export function extensionOf(info: Pick<ImageInfo, 'mediaType'>): string {
  return info.mediaType === 'image/png' ? '.png' : info.mediaType === 'image/jpeg' ? '.jpg' : '.webp';
}
