import {
  type CreateVideoRequest,
  InvalidRequestError,
  parseDimensions,
  type VideoReference,
} from '@reelay/core';
import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import { type LoadedImage, loadInputImage } from '../images';
import { fileTooLarge } from '../images/data-uri';
import { type InputShape, videoShape } from '../router/input-shape';
import type { StoredInputMedia } from '../store';
import { checkVideo, type LoadedVideo, loadInputVideo, videoExtensionOf } from '../videos';
import { type InputFiles, storeInputImage, storeInputVideo } from './input-files';
import { visibleJob } from './visible-job';

type ImageReference = NonNullable<CreateVideoRequest['input_reference']>;

/** The source video of an extend or edit, read and checked; `videoId` when it is a Reelay video. */
export type SourceVideo = { video: LoadedVideo; videoId: string | undefined };

export type LoadedImages = {
  image: LoadedImage | undefined;
  lastFrame: LoadedImage | undefined;
  referenceImages: LoadedImage[];
};

/**
 * Reads the video to extend or edit: a finished Reelay video of the caller's (by id), or an upload, data URI or
 * https URL through the safe fetcher. Its size and length decide which offerings can take it.
 */
export async function loadSourceVideo(
  ctx: EngineContext,
  reference: VideoReference,
  context: RequestContext,
): Promise<SourceVideo> {
  if (typeof reference === 'object' && 'id' in reference) {
    return { video: await readReelayVideo(ctx, reference.id, context), videoId: reference.id };
  }
  const options = {
    safeFetcher: ctx.safeFetcher,
    limits: ctx.settings.videoLimits,
    trustedOrigins: ctx.settings.trustedOrigins,
  };
  return { video: await loadInputVideo(reference, options), videoId: undefined };
}

async function readReelayVideo(
  ctx: EngineContext,
  id: string,
  context: RequestContext,
): Promise<LoadedVideo> {
  const job = await visibleJob(ctx, id, context);
  const output = job.outputs?.find((candidate) => candidate.variant === 'video');
  if (job.kind === 'parent') {
    throw new InvalidRequestError({
      param: 'video',
      code: 'invalid_video',
      message: `${id} is a set of ${job.request.n ?? 'several'} videos; name one of them (its id is in "children").`,
    });
  }
  if (job.state !== 'completed' || !output || job.outputsRemovedAt !== null) {
    throw new InvalidRequestError({
      param: 'video',
      code: 'video_not_ready',
      message:
        job.state === 'completed'
          ? `${id} no longer has its video (outputs are kept for a limited time). Upload the file instead.`
          : `${id} is ${job.state === 'failed' ? 'a failed video' : 'not finished yet'}; only a completed video can be extended or edited.`,
    });
  }
  // The same limits as an uploaded source, checked before the file is read: outputs may be far larger.
  const limits = ctx.settings.videoLimits;
  if (output.size > limits.maxBytes) throw fileTooLarge(limits.maxBytes, 'video');
  const stored = new Uint8Array(await new Response(await ctx.files.open(job.id, output)).arrayBuffer());
  const { bytes, info } = checkVideo(stored, limits);
  const size = parseDimensions(job.size);
  return {
    bytes,
    info: {
      mediaType: info.mediaType,
      width: info.width ?? size?.width,
      height: info.height ?? size?.height,
      seconds: info.seconds ?? job.seconds,
    },
    filename: `${id}${videoExtensionOf(info)}`,
    url: undefined,
  };
}

/** What routing needs of the request's files before any image is downloaded. */
export function requestShape(request: CreateVideoRequest, source: SourceVideo | undefined): InputShape {
  const info = source?.video.info;
  return {
    image: request.input_reference === undefined ? undefined : { url: imageUrlOf(request.input_reference) },
    lastFrame: request.last_frame === undefined ? undefined : { url: imageUrlOf(request.last_frame) },
    referenceImages: (request.reference_images ?? []).map((image) => ({ url: imageUrlOf(image) })),
    video: source && info ? videoShape({ ...info, url: source.video.url }) : undefined,
  };
}

/** Downloads (through the safe fetcher) or decodes each input image and checks it. */
export async function loadRequestImages(
  ctx: EngineContext,
  request: CreateVideoRequest,
): Promise<LoadedImages> {
  const options = imageLoaderOptions(ctx);
  const load = (reference: ImageReference | undefined, param: string) =>
    reference === undefined ? undefined : loadInputImage(reference, options, param);
  return {
    image: await load(request.input_reference, 'input_reference'),
    lastFrame: await load(request.last_frame, 'last_frame'),
    referenceImages: await Promise.all(
      (request.reference_images ?? []).map((image, index) =>
        loadInputImage(image, options, `reference_images[${index}]`),
      ),
    ),
  };
}

/**
 * Writes every input file next to the job before its row exists, so a resumed job still has them; returns
 * them as the job records them, and their bytes by file, still in memory for the first submit.
 */
export async function storeRequestFiles(
  ctx: EngineContext,
  id: string,
  images: LoadedImages,
  source: SourceVideo | undefined,
): Promise<{ files: InputFiles; fresh: Map<string, Uint8Array> }> {
  const fresh = new Map<string, Uint8Array>();
  const keep = <T extends { file: string }>(stored: T, bytes: Uint8Array): T => {
    fresh.set(stored.file, bytes);
    return stored;
  };
  const image = images.image;
  const media: StoredInputMedia = {};
  if (images.lastFrame) {
    media.lastFrame = keep(
      await storeInputImage(ctx, `${id}-last`, images.lastFrame),
      images.lastFrame.bytes,
    );
  }
  if (images.referenceImages.length > 0) {
    media.referenceImages = [];
    for (const [index, reference] of images.referenceImages.entries()) {
      media.referenceImages.push(
        keep(await storeInputImage(ctx, `${id}-ref${index}`, reference), reference.bytes),
      );
    }
  }
  if (source) {
    media.video = keep(
      await storeInputVideo(ctx, `${id}-video`, source.video, source.videoId),
      source.video.bytes,
    );
  }
  return {
    files: {
      inputImage: image ? keep(await storeInputImage(ctx, id, image), image.bytes) : null,
      inputMedia: Object.keys(media).length > 0 ? media : null,
    },
    fresh,
  };
}

export function imageLoaderOptions(ctx: EngineContext) {
  return {
    safeFetcher: ctx.safeFetcher,
    limits: ctx.settings.imageLimits,
    trustedOrigins: ctx.settings.trustedOrigins,
  };
}

/** The URL of a URL-type image reference (not a data URI or an upload). */
export function imageUrlOf(reference: ImageReference): string | undefined {
  const text =
    typeof reference === 'string' ? reference : 'kind' in reference ? undefined : reference.image_url;
  return text === undefined || text.startsWith('data:') ? undefined : text;
}
