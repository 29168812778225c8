import { InvalidRequestError, type JsonObject, type VideoInput } from '@reelay/core';

/**
 * The source video of an extension as Vertex takes it: inline base64 or a `gs://` URI, with its MIME type.
 * Vertex fetches no https URL, so such a video is refused here (the gateway sends bytes).
 */
export function vertexVideo(video: VideoInput): JsonObject {
  switch (video.kind) {
    case 'upload':
      return { bytesBase64Encoded: Buffer.from(video.data).toString('base64'), mimeType: 'video/mp4' };
    case 'data-uri': {
      const match = /^data:video\/mp4;base64,(.*)$/s.exec(video.uri);
      if (match) return { bytesBase64Encoded: match[1]!, mimeType: 'video/mp4' };
      break;
    }
    case 'url':
      if (video.url.startsWith('gs://')) return { gcsUri: video.url, mimeType: 'video/mp4' };
      break;
  }
  throw new InvalidRequestError({
    param: 'video',
    code: 'invalid_video',
    message:
      'Vertex extends MP4 videos sent as bytes or a gs:// URI: upload the video, or send it as a data:video/mp4;base64, URI.',
  });
}
