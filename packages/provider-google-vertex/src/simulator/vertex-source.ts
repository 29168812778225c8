import type { VeoSourceVideo } from '@reelay/provider-google/simulator';
import { readMp4Info } from '@reelay/testing';

const MIN_SECONDS = 1;
const MAX_SECONDS = 30;
const FRAME_RATE = 24;

/**
 * The video an extension continues, as Vertex reads it: inline MP4 bytes (length, size and frame rate read from
 * the file's header: 16:9 or 9:16 at 24 fps, 1 to 30 s) or a `gs://` object, here one this simulator wrote. `undefined` when the body extends nothing; a
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
    let info: ReturnType<typeof readMp4Info>;
    try {
      info = readMp4Info(new Uint8Array(Buffer.from(video['bytesBase64Encoded'] ?? '', 'base64')));
    } catch {
      return 'The input video could not be read: send an MP4 file.';
    }
    const ratio = info.width / Math.max(1, info.height);
    if (Math.abs(ratio - 16 / 9) > 0.02 && Math.abs(ratio - 9 / 16) > 0.02)
      return `The input video must be 16:9 or 9:16; it is ${info.width}x${info.height}.`;
    const fps = info.frameCount / Math.max(0.001, info.durationSeconds);
    if (Math.abs(fps - FRAME_RATE) > 0.5)
      return `The input video must be ${FRAME_RATE} frames per second; it is ${Math.round(fps)}.`;
    source = { seconds: info.durationSeconds, width: info.width, height: info.height };
  }
  if (source.seconds < MIN_SECONDS || source.seconds > MAX_SECONDS)
    return `The input video must be ${MIN_SECONDS} to ${MAX_SECONDS} seconds long; it is ${source.seconds} seconds.`;
  return source;
}
