import { InvalidRequestError, ReelayError } from '@reelay/core';
import type { SafeFetcher } from '@reelay/provider-utils';
import { fileTooLarge } from './data-uri';

/** Which error codes a failure gets: `invalid_image`, `video_fetch_failed`, …. */
export type MediaKind = 'image' | 'video';

/** Parses a user's input URL: https only (plain http only from trusted origins), no credentials. */
export function parseMediaUrl(
  text: string,
  trustedOrigins: readonly string[],
  param: string,
  kind: MediaKind = 'image',
): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidRequestError({
      param,
      code: `invalid_${kind}`,
      message: `${param} must be an https URL, a data: URI, or an uploaded file.`,
    });
  }
  const trusted = trustedOrigins.some((origin) => sameOrigin(origin, url));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && trusted)) {
    throw new InvalidRequestError({
      param,
      code: 'unsafe_url',
      message: `${param} URL must use https (got ${url.protocol.replace(':', '')}).`,
    });
  }
  if (url.username || url.password) {
    throw new InvalidRequestError({
      param,
      code: 'unsafe_url',
      message: `${param} URL must not contain credentials.`,
    });
  }
  return url;
}

/**
 * Downloads an input file through the safe fetcher (private, loopback, link-local and metadata addresses are
 * refused), at most `maxBytes`; every failure is a 400 naming `param`.
 */
export async function fetchMedia(
  fetcher: SafeFetcher,
  url: URL,
  maxBytes: number,
  param: string,
  kind: MediaKind = 'image',
): Promise<Uint8Array> {
  try {
    await fetcher.assertSafe(url.href);
    const result = await fetcher.fetch(url.href, { maxBytes });
    if (result.contentLength !== undefined && result.contentLength > maxBytes) {
      await result.body.cancel().catch(() => undefined);
      throw fileTooLarge(maxBytes, param);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of result.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw fileTooLarge(maxBytes, param);
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks));
  } catch (error) {
    if (ReelayError.isInstance(error) && error.code === 'unsafe_url') {
      throw new InvalidRequestError({
        param,
        code: 'unsafe_url',
        message: `${param} URL was refused: ${error.message}`,
      });
    }
    if (ReelayError.isInstance(error) && error.param === param) throw error;
    if (ReelayError.isInstance(error) && (error.status === 413 || error.code === 'content_too_large')) {
      throw fileTooLarge(maxBytes, param);
    }
    throw new InvalidRequestError({
      param,
      code: `${kind}_fetch_failed`,
      message: `${param} could not be downloaded from ${url.origin}: ${
        error instanceof Error ? error.message : String(error)
      }. Check the URL is public, or upload the file instead.`,
    });
  }
}

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}
