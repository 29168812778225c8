import { type CreateVideoRequest, InvalidRequestError, ReelayError } from '@reelay/core';
import type { SafeFetcher } from '@reelay/provider-utils';
import { checkImage, type ImageLimits } from './check-image';
import { decodeDataUri, imageTooLarge } from './data-uri';
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
): Promise<LoadedImage> {
  const { limits } = options;
  if (typeof reference === 'object' && 'kind' in reference) {
    const info = checkImage(reference.data, limits);
    return {
      bytes: reference.data,
      info,
      filename: reference.filename || `image${extensionOf(info)}`,
      url: undefined,
    };
  }
  const text = typeof reference === 'string' ? reference : reference.image_url;
  if (text.startsWith('data:')) {
    const { bytes } = decodeDataUri(text, limits.maxBytes);
    const info = checkImage(bytes, limits);
    return { bytes, info, filename: `image${extensionOf(info)}`, url: undefined };
  }
  const url = parseImageUrl(text, options.trustedOrigins);
  await guard(() => options.safeFetcher.assertSafe(url.href), url);
  const bytes = await guard(() => download(options.safeFetcher, url.href, limits.maxBytes), url);
  const info = checkImage(bytes, limits);
  const name = url.pathname.split('/').pop() || '';
  return { bytes, info, filename: name.includes('.') ? name : `image${extensionOf(info)}`, url: url.href };
}

function parseImageUrl(text: string, trustedOrigins: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidRequestError({
      param: 'input_reference',
      code: 'invalid_image',
      message: 'input_reference must be an https URL, a data: URI, or an uploaded file.',
    });
  }
  const trusted = trustedOrigins.some((origin) => sameOrigin(origin, url));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && trusted)) {
    throw new InvalidRequestError({
      param: 'input_reference',
      code: 'unsafe_url',
      message: `input_reference URL must use https (got ${url.protocol.replace(':', '')}).`,
    });
  }
  if (url.username || url.password) {
    throw new InvalidRequestError({
      param: 'input_reference',
      code: 'unsafe_url',
      message: 'input_reference URL must not contain credentials.',
    });
  }
  return url;
}

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}

/** Maps the fetcher's refusals and network failures to 400s naming `input_reference`. */
async function guard<T>(run: () => Promise<T>, url: URL): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (ReelayError.isInstance(error) && error.code === 'unsafe_url') {
      throw new InvalidRequestError({
        param: 'input_reference',
        code: 'unsafe_url',
        message: `input_reference URL was refused: ${error.message}`,
      });
    }
    if (ReelayError.isInstance(error) && (error.status === 413 || error.code === 'content_too_large')) {
      throw imageTooLarge(maxBytesOf(error));
    }
    throw new InvalidRequestError({
      param: 'input_reference',
      code: 'image_fetch_failed',
      message: `input_reference could not be downloaded from ${url.origin}: ${
        error instanceof Error ? error.message : String(error)
      }. Check the URL is public, or upload the file instead.`,
    });
  }
}

function maxBytesOf(error: unknown): number {
  const value = (error as { maxBytes?: unknown }).maxBytes;
  return typeof value === 'number' ? value : 20 * 1024 * 1024;
}

async function download(fetcher: SafeFetcher, url: string, maxBytes: number): Promise<Uint8Array> {
  const result = await fetcher.fetch(url, { maxBytes });
  if (result.contentLength !== undefined && result.contentLength > maxBytes) {
    await result.body.cancel().catch(() => undefined);
    throw imageTooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of result.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw imageTooLarge(maxBytes);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function extensionOf(info: Pick<ImageInfo, 'mediaType'>): string {
  return info.mediaType === 'image/png' ? '.png' : info.mediaType === 'image/jpeg' ? '.jpg' : '.webp';
}
