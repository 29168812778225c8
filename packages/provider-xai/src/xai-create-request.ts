import { InvalidRequestError, type JsonObject, type SubmitRequest } from '@reelay/core';
import { imageAsUri } from '@reelay/provider-utils';
import { XAI_MAX_EDIT_SOURCE_SECONDS } from './xai-offerings';

/**
 * The route and body of one create call. Generation (`/videos/generations`) takes the first frame as
 * `image: {url}` or reference images as `reference_images: [{url}]`; an edit (`/videos/edits`) or an extension
 * (`/videos/extensions`) takes the source as `video: {url}`, an https URL or a data URL. Matching already left
 * out what those two refuse (size everywhere, duration in an edit).
 */
export function xaiCreateRequest(request: SubmitRequest): { path: string; body: JsonObject } {
  const body: JsonObject = { model: request.upstreamModel, prompt: request.prompt, ...request.body };
  if (request.mode === 'edit-video' || request.mode === 'extend-video') {
    const video = request.video;
    if (!video) {
      throw new InvalidRequestError({
        param: 'video',
        code: 'invalid_video',
        message: 'An xAI edit or extension needs the source video: send the video.',
      });
    }
    if (
      request.mode === 'edit-video' &&
      video.seconds !== undefined &&
      video.seconds > XAI_MAX_EDIT_SOURCE_SECONDS
    ) {
      throw new InvalidRequestError({
        param: 'video',
        code: 'video_too_long',
        message: `xAI edits videos of up to ${XAI_MAX_EDIT_SOURCE_SECONDS} s; this one is ${video.seconds} s. Trim it first.`,
      });
    }
    body['video'] = { url: imageAsUri(video) };
    return { path: request.mode === 'edit-video' ? '/videos/edits' : '/videos/extensions', body };
  }
  if (request.image) body['image'] = { url: imageAsUri(request.image) };
  if (request.referenceImages.length > 0) {
    body['reference_images'] = request.referenceImages.map((image) => ({ url: imageAsUri(image) }));
  }
  return { path: '/videos/generations', body };
}
