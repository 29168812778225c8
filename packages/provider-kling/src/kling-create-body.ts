import { type ImageInput, InvalidRequestError, type JsonObject, type SubmitRequest } from '@reelay/core';
import type { KlingEndpoint } from './kling-api';

/**
 * The create route and body for one matched request. Reference images go to `multi-image2video` as
 * `image_list: [{image}]`; a first or last frame to `image2video` as `image` and `image_tail`; anything else to
 * `text2video`. Images are URLs or bare base64.
 */
export function klingCreateBody(request: SubmitRequest): { endpoint: KlingEndpoint; body: JsonObject } {
  if (request.mode === 'extend-video' || request.mode === 'edit-video') {
    throw new InvalidRequestError({
      param: 'video',
      code: 'unsupported_parameter',
      message:
        'Kling extends only videos it made itself (by its own video id), and this plugin does not edit videos; ' +
        'send the request to another provider.',
    });
  }
  const body: JsonObject = { model_name: request.upstreamModel, prompt: request.prompt, ...request.body };
  if (typeof body['sound'] === 'boolean') body['sound'] = body['sound'] ? 'on' : 'off';

  if (request.referenceImages.length > 0) {
    if (request.image !== undefined || request.lastFrame !== undefined) {
      throw new InvalidRequestError({
        param: 'reference_images',
        code: 'unsupported_combination',
        message:
          'Kling takes reference images (multi-image2video) without a first or last frame; send either ' +
          'reference_images or input_reference/last_frame.',
      });
    }
    body['image_list'] = request.referenceImages.map((image) => ({ image: klingImage(image) }));
    return { endpoint: 'multi-image2video', body };
  }
  if (request.image === undefined && request.lastFrame === undefined) return { endpoint: 'text2video', body };

  if (request.image !== undefined) body['image'] = klingImage(request.image);
  if (request.lastFrame !== undefined) body['image_tail'] = klingImage(request.lastFrame);
  // Image-to-video has no aspect_ratio: the video takes the image's shape.
  delete body['aspect_ratio'];
  return { endpoint: 'image2video', body };
}

/** Kling takes a URL or bare base64: a `data:` prefix is refused as "incorrect" by its API reference. */
function klingImage(image: ImageInput): string {
  switch (image.kind) {
    case 'url':
      return image.url;
    case 'data-uri':
      return image.uri.slice(image.uri.indexOf(',') + 1);
    case 'upload':
      return Buffer.from(image.data).toString('base64');
  }
}
