import type { VeoSourceVideo } from '@reelay/provider-google/simulator';
import { readMp4Info } from '@reelay/testing';

const MIN_SECONDS = 1;
const MAX_SECONDS = 30;

/**
 * The video an extension continues, as Vertex reads it: inline MP4 bytes (their length read from the file's
 * header) or a `gs://` object, here one this simulator wrote. `undefined` when the body extends nothing; a
 * message, worded like Vertex's, when the video cannot be extended.
 */
export function vertexSourceOf(
  body: unknown,
  readObject: (gcsUri: string) => VeoSourceVideo | undefined,
): VeoSourceVideo | string | undefined {
  const video = (body as { instances: Array<{ video?: Record<string, string> }> }).instances[0]!.video;
  if (video === undefined) return undefined;
  let source: VeoSourceVideo | undefined;
  if (video['gcsUri'] !== undefined) {
    source = readObject(video['gcsUri']);
    if (!source) return `Unable to read the input video ${video['gcsUri']}: no such object.`;
  } else {
    try {
      const info = readMp4Info(new Uint8Array(Buffer.from(video['bytesBase64Encoded'] ?? '', 'base64')));
      source = { seconds: info.durationSeconds, width: info.width, height: info.height };
    } catch {
      return 'The input video could not be read: send an MP4 file.';
    }
  }
  if (source.seconds < MIN_SECONDS || source.seconds > MAX_SECONDS)
    return `The input video must be ${MIN_SECONDS} to ${MAX_SECONDS} seconds long; it is ${source.seconds} seconds.`;
  return source;
}
