import type { Dimensions } from '@reelay/core';

/** Where a file came from, as routing needs it: providers that fetch files themselves need a URL. */
type FileShape = { url: string | undefined };

/**
 * What routing sees of a request's input files: which there are, whether each has a URL, and the source
 * video's size and length. Built from stored files, or, for a dry run, from the request alone.
 */
export type InputShape = {
  image?: FileShape | undefined;
  lastFrame?: FileShape | undefined;
  referenceImages: FileShape[];
  video?: (FileShape & { dimensions: Dimensions | undefined; seconds: number | undefined }) | undefined;
};

export const NO_INPUTS: InputShape = { referenceImages: [] };

/** A source video as routing sees it; its size counts only when both sides are known. */
export function videoShape(video: {
  url: string | undefined;
  width: number | undefined;
  height: number | undefined;
  seconds: number | undefined;
}): NonNullable<InputShape['video']> {
  const { width, height } = video;
  return {
    url: video.url,
    dimensions: width !== undefined && height !== undefined ? { width, height } : undefined,
    seconds: video.seconds,
  };
}
