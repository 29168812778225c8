import { InvalidRequestError, type VideoOperation } from '@reelay/core';
import { z } from 'zod';
import type { OpenAIVideo } from './openai-api';

/** What the job store keeps for an OpenAI job: the video id is all later calls need. */
export const openAIOperationSchema = z.object({
  videoId: z.string().min(1),
});

export type OpenAIOperation = z.infer<typeof openAIOperationSchema>;

export function toOperation(video: OpenAIVideo): VideoOperation {
  const operation: OpenAIOperation = { videoId: video.id };
  return operation;
}

/** Parses an operation read back from storage; anything else is refused, never cast. */
export function parseOperation(operation: VideoOperation): OpenAIOperation {
  const result = openAIOperationSchema.safeParse(operation);
  if (!result.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'Not an OpenAI video operation: expected { videoId: string } as returned by submit(). ' +
        'Pass the operation of a job this provider created.',
    });
  }
  return result.data;
}

/** The API path of a video; the id is encoded so it can never leave `/videos/`. */
export function videoPath(operation: OpenAIOperation, suffix = ''): string {
  return `/videos/${encodeURIComponent(operation.videoId)}${suffix}`;
}
