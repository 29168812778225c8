import type { PollResult } from '@reelay/core';
import { type VeoOperationResponse, veoFailure } from '@reelay/provider-google';

/**
 * A fetched Vertex operation as Reelay's job state. Videos come back inline (`bytesBase64Encoded`) unless a
 * `storageUri` was set, then as `gcsUri`; neither is a public URL, so `url` holds only the `gs://` location and
 * the bytes are read through `content()` with the access token.
 */
export function vertexOperationToResult(operation: VeoOperationResponse): PollResult {
  if (!operation.done) return { status: 'in_progress', progress: undefined };
  const videos = (operation.response?.videos ?? []).filter(
    (video) => video.bytesBase64Encoded || video.gcsUri,
  );
  const failure = veoFailure(operation, videos.length);
  if (failure) return { status: 'failed', error: failure, canceled: false };
  const first = videos[0]!;
  return {
    status: 'succeeded',
    outputs: [
      { variant: 'video', url: first.gcsUri ?? undefined, contentType: first.mimeType ?? 'video/mp4' },
    ],
    seconds: undefined,
  };
}
