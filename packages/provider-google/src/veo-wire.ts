import {
  type ImageInput,
  InvalidRequestError,
  type JsonObject,
  type SubmitRequest,
  type VideoInput,
} from '@reelay/core';
import { z } from 'zod';

/** The public field an input came from, named in errors so the caller knows which one to fix. */
export type VeoImageParam = 'input_reference' | 'last_frame' | 'reference_images';

/** An image as both Veo APIs take it inline: `{bytesBase64Encoded, mimeType}` (not `inlineData`, which is refused). */
export function veoImage(image: ImageInput, param: VeoImageParam = 'input_reference'): JsonObject {
  switch (image.kind) {
    case 'upload':
      return { bytesBase64Encoded: Buffer.from(image.data).toString('base64'), mimeType: image.mediaType };
    case 'data-uri': {
      const match = /^data:([^;,]+);base64,(.*)$/s.exec(image.uri);
      if (!match) {
        throw new InvalidRequestError({
          param,
          code: 'invalid_image',
          message: 'Veo needs the image as base64: send a data:image/…;base64, URI or an uploaded file.',
        });
      }
      return { bytesBase64Encoded: match[2]!, mimeType: match[1]! };
    }
    case 'url':
      // Neither API fetches https URLs (Vertex takes gs:// only); the gateway turns a URL into bytes first.
      throw new InvalidRequestError({
        param,
        code: 'invalid_image',
        message: 'Veo takes images as bytes, not URLs: upload the image or send it as a data URI.',
      });
  }
}

/** How one API writes the source video of an extension; the two differ (Gemini: `{uri}`, Vertex: bytes or `gcsUri`). */
export type VeoVideoWriter = (video: VideoInput) => JsonObject;

/**
 * `{instances: [{prompt, image, lastFrame, referenceImages, video}], parameters}`. Matching decided the parameters
 * (`aspectRatio`, `resolution`, `durationSeconds`, `negativePrompt`, …) and unknown ones passed through; on Veo
 * they all belong in `parameters`. Reference images are asset references, the only kind Veo 3.1 takes.
 */
export function veoRequestBody(request: SubmitRequest, writeVideo?: VeoVideoWriter): JsonObject {
  const instance: JsonObject = { prompt: request.prompt };
  if (request.image) instance['image'] = veoImage(request.image);
  if (request.lastFrame) instance['lastFrame'] = veoImage(request.lastFrame, 'last_frame');
  if (request.referenceImages.length > 0) {
    instance['referenceImages'] = request.referenceImages.map((image) => ({
      image: veoImage(image, 'reference_images'),
      referenceType: 'asset',
    }));
  }
  if (request.mode === 'extend-video') {
    if (!request.video || !writeVideo) {
      throw new InvalidRequestError({
        param: 'video',
        code: 'invalid_video',
        message: 'A Veo extension needs the source video: send the video to extend.',
      });
    }
    instance['video'] = writeVideo(request.video);
  }
  return { instances: [instance], parameters: { ...request.body } };
}

const rpcStatusSchema = z.object({
  code: z.number().nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
});

const mediaSchema = z.object({
  bytesBase64Encoded: z.string().nullish(),
  gcsUri: z.string().nullish(),
  mimeType: z.string().nullish(),
});

const filteredFields = {
  raiMediaFilteredCount: z.number().nullish(),
  raiMediaFilteredReasons: z.array(z.string()).nullish(),
};

/** A long-running operation as both APIs return it; `done` absent means not done. */
export const veoOperationResponseSchema = z.object({
  name: z.string().min(1),
  done: z.boolean().nullish(),
  /** A `google.rpc.Status`; `code` is the gRPC code, not an HTTP status. */
  error: rpcStatusSchema.nullish(),
  response: z
    .object({
      /** Gemini API. */
      generateVideoResponse: z
        .object({
          generatedSamples: z
            .array(
              z.object({
                video: z
                  .object({
                    uri: z.string().nullish(),
                    encodedVideo: z.string().nullish(),
                    encoding: z.string().nullish(),
                  })
                  .nullish(),
              }),
            )
            .nullish(),
          ...filteredFields,
        })
        .nullish(),
      /** Vertex AI. */
      videos: z.array(mediaSchema).nullish(),
      ...filteredFields,
    })
    .nullish(),
});

export type VeoOperationResponse = z.infer<typeof veoOperationResponseSchema>;

/** The failure of a finished operation: its error, or a result every sample of which was filtered out. */
export function veoFailure(
  operation: VeoOperationResponse,
  sampleCount: number,
): { code: string; message: string } | undefined {
  if (operation.error) {
    return {
      code: operation.error.status ?? `rpc_${operation.error.code ?? 'unknown'}`,
      message: operation.error.message || 'Veo reported the operation failed.',
    };
  }
  if (sampleCount > 0) return undefined;
  const response = operation.response;
  const reasons = [
    ...(response?.generateVideoResponse?.raiMediaFilteredReasons ?? []),
    ...(response?.raiMediaFilteredReasons ?? []),
  ];
  return {
    code: 'content_filtered',
    message:
      reasons.length > 0
        ? `Veo's safety filters removed the video: ${reasons.join(' ')}`
        : 'Veo finished without a video (its safety filters removed it).',
  };
}
