import { readMp4Info } from '@reelay/testing';

/** Runway's input limits for videos (docs.dev.runwayml.com/assets/inputs): 32 MB by URL, 16 MB as a data URI. */
const MAX_URL_VIDEO_BYTES = 32 * 1024 * 1024;
const MAX_DATA_URI_VIDEO_BYTES = 16 * 1024 * 1024;
const VIDEO_TYPES = /^video\/(mp4|quicktime|webm)$/;

export type SourceVideo = { width: number; height: number; seconds: number };

/**
 * Fetches or decodes `videoUri` the way Runway does and measures it, so an edit comes out as long as its source.
 * Answers the problem, worded as Runway's `{"error": …}` would be, when the video cannot be used.
 */
export async function readSourceVideo(uri: unknown, field: string): Promise<SourceVideo | string> {
  if (typeof uri !== 'string' || uri.length === 0) return `${field}: Required`;
  let bytes: Uint8Array;
  if (uri.startsWith('data:')) {
    const match = /^data:(video\/[\w.+-]+);base64,(.+)$/.exec(uri);
    if (!match || !VIDEO_TYPES.test(match[1]!))
      return `${field}: data URIs must be base64 MP4, QuickTime or WebM videos`;
    if (uri.length > MAX_DATA_URI_VIDEO_BYTES) return `${field}: data URI videos must be at most 16MB`;
    bytes = Buffer.from(match[2]!, 'base64');
  } else {
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      return `${field}: Invalid url`;
    }
    // Runway fetches only HTTPS URLs on a domain name; the simulator also takes loopback addresses.
    if (parsed.protocol !== 'https:' && parsed.hostname !== '127.0.0.1')
      return `${field}: URLs must use HTTPS`;
    if (uri.length > 2048) return `${field}: URLs must be at most 2048 characters`;
    const response = await fetch(uri, { redirect: 'manual' }).catch(() => undefined);
    if (response?.status !== 200) return `${field}: the video at this URL could not be fetched`;
    const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    if (!VIDEO_TYPES.test(type))
      return `${field}: the URL answered Content-Type ${type || '(none)'}; expected video/mp4, video/quicktime or video/webm`;
    bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_URL_VIDEO_BYTES) return `${field}: videos fetched by URL must be at most 32MB`;
  }
  try {
    const info = readMp4Info(bytes);
    if (!info.hasMoov || info.durationSeconds <= 0) return `${field}: the video has no playable track`;
    return { width: info.width, height: info.height, seconds: info.durationSeconds };
  } catch {
    return `${field}: the video could not be decoded`;
  }
}
