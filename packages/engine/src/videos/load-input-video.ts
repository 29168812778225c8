import { InvalidRequestError, type VideoReference } from '@reelay/core';
import type { SafeFetcher } from '@reelay/provider-utils';
import { decodeDataUri, fileTooLarge } from '../images/data-uri';
import { fetchMedia, parseMediaUrl } from '../images/fetch-media';
import { readVideoInfo, type VideoInfo } from './video-info';

export type VideoLimits = {
  /** Largest accepted source video in bytes. */
  maxBytes: number;
  /** Longest accepted source video in seconds, where its length can be read. */
  maxSeconds: number;
};

export const defaultVideoLimits: VideoLimits = { maxBytes: 100 * 1024 * 1024, maxSeconds: 120 };

export type LoadedVideo = {
  bytes: Uint8Array;
  info: VideoInfo;
  filename: string;
  /** Set when the video came as a URL, so providers that fetch URLs get it as is. */
  url: string | undefined;
};

export type VideoLoaderOptions = {
  safeFetcher: SafeFetcher;
  limits: VideoLimits;
  trustedOrigins: readonly string[];
};

const PARAM = 'video';

/** A source video given as an upload, an https URL or a data URI, as checked bytes. (`{id}` is the engine's.) */
export async function loadInputVideo(
  reference: Exclude<VideoReference, { id: string }>,
  options: VideoLoaderOptions,
): Promise<LoadedVideo> {
  const { limits } = options;
  if (typeof reference === 'object' && 'kind' in reference) {
    return {
      ...checkVideo(reference.data, limits),
      filename: reference.filename || 'video.mp4',
      url: undefined,
    };
  }
  const text = typeof reference === 'string' ? reference : reference.video_url;
  if (text.startsWith('data:')) {
    const { bytes } = decodeDataUri(text, limits.maxBytes, PARAM);
    return { ...checkVideo(bytes, limits), filename: 'video.mp4', url: undefined };
  }
  const url = parseMediaUrl(text, options.trustedOrigins, PARAM, 'video');
  const bytes = await fetchMedia(options.safeFetcher, url, limits.maxBytes, PARAM, 'video');
  const name = url.pathname.split('/').pop() || '';
  return { ...checkVideo(bytes, limits), filename: name.includes('.') ? name : 'video.mp4', url: url.href };
}

/** Checks the bytes are an MP4, QuickTime or WebM video within the limits; returns what they are. */
export function checkVideo(bytes: Uint8Array, limits: VideoLimits): { bytes: Uint8Array; info: VideoInfo } {
  if (bytes.byteLength > limits.maxBytes) throw fileTooLarge(limits.maxBytes, PARAM);
  const info = readVideoInfo(bytes);
  if (!info) {
    throw new InvalidRequestError({
      param: PARAM,
      code: 'invalid_video',
      message: 'video is not an MP4, QuickTime or WebM file (checked from its bytes). Convert it and retry.',
    });
  }
  if (info.seconds !== undefined && info.seconds > limits.maxSeconds) {
    throw new InvalidRequestError({
      param: PARAM,
      code: 'video_too_long',
      message: `video is ${info.seconds} s long; the gateway takes source videos up to ${limits.maxSeconds} s. Trim it and retry.`,
    });
  }
  return { bytes, info };
}

export function videoExtensionOf(info: Pick<VideoInfo, 'mediaType'>): string {
  return info.mediaType === 'video/webm' ? '.webm' : info.mediaType === 'video/quicktime' ? '.mov' : '.mp4';
}
