import type { ImageInput, ImageInputCapability } from '@reelay/core';
import { encodeDataUri } from './data-uri';

export type ImageSource = {
  mediaType: string;
  filename: string;
  url: string | undefined;
  /** Reads the stored bytes; called only when the chosen form needs them. */
  read(): Uint8Array;
};

/** Whether the offering can take this image in some form it lists (a URL-only provider needs a URL). */
export function canTakeImage(capability: ImageInputCapability, source: Pick<ImageSource, 'url'>): boolean {
  return capability.accepts.some((form) => form !== 'url' || source.url !== undefined);
}

/** The image in the first form the offering lists that we can produce. */
export function imageForProvider(
  capability: ImageInputCapability,
  source: ImageSource,
): ImageInput | undefined {
  for (const form of capability.accepts) {
    if (form === 'url' && source.url !== undefined) return { kind: 'url', url: source.url };
    if (form === 'data-uri') return { kind: 'data-uri', uri: encodeDataUri(source.read(), source.mediaType) };
    if (form === 'upload') {
      return { kind: 'upload', data: source.read(), mediaType: source.mediaType, filename: source.filename };
    }
  }
  return undefined;
}
