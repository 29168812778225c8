import type { EngineContext } from '../engine-context';
import { extensionOf, type LoadedImage, type MediaSource } from '../images';
import { type InputShape, videoShape } from '../router/input-shape';
import type { JobRecord, StoredImage, StoredInputMedia, StoredVideo } from '../store';
import { type LoadedVideo, videoExtensionOf } from '../videos';

/** A request's input files as a job keeps them: the first frame in `inputImage`, the rest in `inputMedia`. */
export type InputFiles = Pick<JobRecord, 'inputImage' | 'inputMedia'>;

/** The stored files, each with a reader that reads its bytes at most once. */
export type InputSources = {
  image?: MediaSource | undefined;
  lastFrame?: MediaSource | undefined;
  referenceImages: MediaSource[];
  video?: (MediaSource & { seconds: number | undefined }) | undefined;
};

/**
 * Writes a checked image to the store before the job row exists, so a resumed job (on any instance, when the
 * store is shared) still has it.
 */
export async function storeInputImage(
  ctx: EngineContext,
  name: string,
  image: LoadedImage,
): Promise<StoredImage> {
  const file = await ctx.files.writeInput(name, image.bytes, extensionOf(image.info));
  return {
    file,
    mediaType: image.info.mediaType,
    width: image.info.width,
    height: image.info.height,
    bytes: image.bytes.byteLength,
    filename: image.filename,
    ...(image.url !== undefined ? { url: image.url } : {}),
  };
}

export async function storeInputVideo(
  ctx: EngineContext,
  name: string,
  video: LoadedVideo,
  videoId: string | undefined,
): Promise<StoredVideo> {
  const { info } = video;
  return {
    file: await ctx.files.writeInput(name, video.bytes, videoExtensionOf(info)),
    mediaType: info.mediaType,
    bytes: video.bytes.byteLength,
    filename: video.filename,
    ...(info.width !== undefined && info.height !== undefined
      ? { width: info.width, height: info.height }
      : {}),
    ...(info.seconds !== undefined ? { seconds: info.seconds } : {}),
    ...(video.url !== undefined ? { url: video.url } : {}),
    ...(videoId !== undefined ? { videoId } : {}),
  };
}

/** Every stored file of a request, for removal. */
export function filesOf(inputs: InputFiles): string[] {
  const media: StoredInputMedia = inputs.inputMedia ?? {};
  return [
    inputs.inputImage?.file,
    media.lastFrame?.file,
    ...(media.referenceImages ?? []).map((image) => image.file),
    media.video?.file,
  ].filter((file): file is string => file !== undefined);
}

export function inputShapeOf(inputs: InputFiles): InputShape {
  const media: StoredInputMedia = inputs.inputMedia ?? {};
  const video = media.video;
  return {
    image: inputs.inputImage ? { url: inputs.inputImage.url } : undefined,
    lastFrame: media.lastFrame ? { url: media.lastFrame.url } : undefined,
    referenceImages: (media.referenceImages ?? []).map((image) => ({ url: image.url })),
    video: video
      ? videoShape({ url: video.url, width: video.width, height: video.height, seconds: video.seconds })
      : undefined,
  };
}

/**
 * Readers of the stored files; `fresh` holds bytes still in memory from the create, by file. Files not in
 * `fresh` (a resumed submit) are read from the store here, before routing, because the store may be remote and
 * the readers are synchronous; they are bounded by the upload limits.
 */
export async function inputSourcesOf(
  ctx: EngineContext,
  inputs: InputFiles,
  fresh: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<InputSources> {
  const bytes = new Map(fresh);
  for (const file of filesOf(inputs)) {
    if (!bytes.has(file)) bytes.set(file, await ctx.files.readInput(file));
  }
  const source = (stored: StoredImage | StoredVideo): MediaSource => ({
    mediaType: stored.mediaType,
    filename: stored.filename,
    url: stored.url,
    read: () => bytes.get(stored.file) as Uint8Array,
  });
  const media: StoredInputMedia = inputs.inputMedia ?? {};
  return {
    image: inputs.inputImage ? source(inputs.inputImage) : undefined,
    lastFrame: media.lastFrame ? source(media.lastFrame) : undefined,
    referenceImages: (media.referenceImages ?? []).map(source),
    video: media.video ? { ...source(media.video), seconds: media.video.seconds } : undefined,
  };
}

/** Removes the request's files once no job of it still waits to be submitted. */
export async function releaseInputFiles(
  ctx: EngineContext,
  job: Pick<JobRecord, 'id' | 'parentId'> & InputFiles,
): Promise<void> {
  const files = filesOf(job);
  if (files.length === 0) return;
  const topId = job.parentId ?? job.id;
  if ((await ctx.store.pendingSubmits(topId)) > 0) return;
  for (const file of files) await ctx.files.removeInput(file);
}
