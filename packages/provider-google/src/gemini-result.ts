import type { PollResult } from '@reelay/core';
import { type VeoOperationResponse, veoFailure } from './veo-wire';

/**
 * A Gemini operation as Reelay's job state. The video's `uri` is a Files API download that needs the key, so
 * it is not an output URL anyone could use: the output has none, and `content()` reads the URI again from the
 * operation and sends the key in a header.
 */
export function geminiOperationToResult(operation: VeoOperationResponse): PollResult {
  if (!operation.done) return { status: 'in_progress', progress: undefined };
  const samples = (operation.response?.generateVideoResponse?.generatedSamples ?? []).filter(
    (sample) => sample.video?.uri || sample.video?.encodedVideo,
  );
  const failure = veoFailure(operation, samples.length);
  if (failure) return { status: 'failed', error: failure, canceled: false };
  const video = samples[0]!.video!;
  return {
    status: 'succeeded',
    outputs: [{ variant: 'video', url: undefined, contentType: video.encoding ?? 'video/mp4' }],
    seconds: undefined,
  };
}
