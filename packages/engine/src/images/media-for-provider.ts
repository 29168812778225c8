import type { MediaInput } from '@reelay/core';
import { encodeDataUri } from './data-uri';

/** A stored input file (an image or a video), read only when the chosen form needs its bytes. */
export type MediaSource = {
  mediaType: string;
  filename: string;
  url: string | undefined;
  /** Reads the stored bytes; called only when the chosen form needs them. */
  read(): Uint8Array;
};

/** The forms an offering takes a file in, in order of preference. */
type Accepts = { accepts: readonly ('url' | 'data-uri' | 'upload')[] };

/** Whether the offering can take this file in some form it lists (a URL-only provider needs a URL). */
export function canTakeMedia(capability: Accepts, source: Pick<MediaSource, 'url'>): boolean {
  return capability.accepts.some((form) => form !== 'url' || source.url !== undefined);
}

/** The file in the first form the offering lists that we can produce. */
export function mediaForProvider(capability: Accepts, source: MediaSource): MediaInput | undefined {
  for (const form of capability.accepts) {
    if (form === 'url' && source.url !== undefined) return { kind: 'url', url: source.url };
    if (form === 'data-uri') return { kind: 'data-uri', uri: encodeDataUri(source.read(), source.mediaType) };
    if (form === 'upload') {
      return { kind: 'upload', data: source.read(), mediaType: source.mediaType, filename: source.filename };
    }
  }
  return undefined;
}
