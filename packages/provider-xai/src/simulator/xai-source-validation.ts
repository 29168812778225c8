import { readMp4Info } from '@reelay/testing';

/** What the simulator knows of a source video. */
export type XaiSource = { seconds: number; width: number; height: number };

/** Limits from docs.x.ai: an edit takes up to 8.7 s; an extension a 2–15 s source and a 2–10 s segment. */
const EDIT_MAX_SECONDS = 8.7;
const EXTEND_SOURCE = { min: 2, max: 15 };
const EXTEND_SEGMENT = { min: 2, max: 10 };

/**
 * The first problem with an `/videos/edits` or `/videos/extensions` body, in xAI's words where they are known;
 * `undefined` when valid. Neither takes a size, and an edit takes no duration: the output follows the source.
 */
export function validateSourceBody(
  body: Record<string, unknown>,
  operation: 'edit' | 'extend',
): string | undefined {
  if (typeof body['prompt'] !== 'string' || body['prompt'].length === 0) return 'prompt: field required';
  const video = body['video'];
  const url =
    typeof video === 'object' && video !== null ? (video as Record<string, unknown>)['url'] : undefined;
  if (typeof url !== 'string' || url.length === 0) return 'video.url: field required';
  if (!/^(https:\/\/|http:\/\/127\.0\.0\.1|data:video\/)/.test(url))
    return 'video.url must be an https URL or a data:video/...;base64 URI';
  for (const field of ['aspect_ratio', 'resolution', ...(operation === 'edit' ? ['duration'] : [])]) {
    if (body[field] !== undefined)
      return `${field} is not supported for video ${operation === 'edit' ? 'editing' : 'extension'}; the output follows the input video`;
  }
  if (operation === 'extend') {
    const duration = body['duration'] ?? 6;
    if (
      typeof duration !== 'number' ||
      !Number.isInteger(duration) ||
      duration < EXTEND_SEGMENT.min ||
      duration > EXTEND_SEGMENT.max
    )
      return `duration must be an integer between ${EXTEND_SEGMENT.min} and ${EXTEND_SEGMENT.max}`;
  }
  return undefined;
}

/** The source's length checked against the operation's limits; a message when it is out of range. */
export function sourceLengthProblem(source: XaiSource, operation: 'edit' | 'extend'): string | undefined {
  if (operation === 'edit' && source.seconds > EDIT_MAX_SECONDS)
    return `The input video must be at most ${EDIT_MAX_SECONDS} seconds long for editing`;
  if (operation === 'extend' && (source.seconds < EXTEND_SOURCE.min || source.seconds > EXTEND_SOURCE.max))
    return `The input video must be between ${EXTEND_SOURCE.min} and ${EXTEND_SOURCE.max} seconds long for extension`;
  return undefined;
}

/**
 * Reads the source as xAI would download it: a data URL is decoded, anything else fetched (the simulator's own
 * outputs, or a file the test serves on loopback). Only the MP4 header is read, for the length and size.
 */
export async function readSource(url: string): Promise<XaiSource | string> {
  let bytes: Uint8Array;
  try {
    if (url.startsWith('data:')) {
      bytes = new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    } else {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return `Failed to download the video from ${url} (HTTP ${response.status})`;
      bytes = new Uint8Array(await response.arrayBuffer());
    }
    const info = readMp4Info(bytes);
    return { seconds: info.durationSeconds, width: info.width, height: info.height };
  } catch {
    return 'The input video could not be read: it must be an .mp4 file (H.264, H.265 or AV1)';
  }
}
