import { InvalidRequestError, type JsonObject, type SubmitRequest } from '@reelay/core';
import { imageAsUri } from '@reelay/provider-utils';

/** Runway's create route per mode (runwayml/sdk-node 4.12: `textToVideo`, `imageToVideo`, `videoToVideo`). */
const PATHS = {
  'text-to-video': '/v1/text_to_video',
  'image-to-video': '/v1/image_to_video',
  'edit-video': '/v1/video_to_video',
} as const;

/**
 * The create call for one matched request: the route by mode, and the body with the prompt and the input files in
 * Runway's fields. A last frame makes `promptImage` the array form `[{uri, position}]`; reference images go in
 * `references: [{uri}]` of a text-to-video call (Seedance 2.0); a source video goes in `videoUri`.
 */
export function runwayCreateBody(request: SubmitRequest): { path: string; body: JsonObject } {
  const references = request.offering.capabilities.referenceImages;
  if (request.referenceImages.length > 0 && references === undefined) {
    throw new InvalidRequestError({
      param: 'reference_images',
      code: 'unsupported_parameter',
      message: `Runway's ${request.upstreamModel} takes no reference images; send the request without reference_images.`,
    });
  }
  if (
    request.referenceImages.length > 0 &&
    (request.image !== undefined || request.lastFrame !== undefined)
  ) {
    throw new InvalidRequestError({
      param: 'reference_images',
      code: 'unsupported_combination',
      message:
        `Runway's ${request.upstreamModel} takes either first and last frames or reference images, not both; ` +
        'send reference_images without input_reference and last_frame.',
    });
  }
  if (request.mode === 'extend-video') {
    throw new InvalidRequestError({
      param: 'video',
      code: 'unsupported_parameter',
      message: 'Runway cannot extend a video; use an edit (POST /v1/videos/edits) or another provider.',
    });
  }
  const body: JsonObject = { model: request.upstreamModel, ...request.body };
  // Aleph 2 takes an optional prompt; every other model requires one, and the gateway always has one.
  if (request.prompt.length > 0) body['promptText'] = request.prompt;

  if (request.mode === 'edit-video') {
    if (request.video === undefined) {
      throw new InvalidRequestError({
        param: 'video',
        code: 'missing_video',
        message: 'An edit needs the source video; send it as `video`.',
      });
    }
    body['videoUri'] = imageAsUri(request.video);
    return { path: PATHS['edit-video'], body };
  }

  if (request.referenceImages.length > 0) {
    body['references'] = request.referenceImages.map((image) => ({ uri: imageAsUri(image) }));
    return { path: PATHS['text-to-video'], body };
  }
  if (request.lastFrame !== undefined) {
    if (request.image === undefined) {
      throw new InvalidRequestError({
        param: 'last_frame',
        code: 'missing_first_frame',
        message:
          'Runway does not generate from a last frame alone; send the first frame as input_reference too.',
      });
    }
    body['promptImage'] = [
      { uri: imageAsUri(request.image), position: 'first' },
      { uri: imageAsUri(request.lastFrame), position: 'last' },
    ];
  } else if (request.image !== undefined) {
    body['promptImage'] = imageAsUri(request.image);
  }
  return { path: PATHS[request.mode === 'image-to-video' ? 'image-to-video' : 'text-to-video'], body };
}
