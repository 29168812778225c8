import type { EngineContext } from '../engine-context';
import { extensionOf, type ImageSource, type LoadedImage } from '../images';
import type { JobRecord, StoredImage } from '../store';

/** Writes a checked image next to the job before the job row exists, so a resumed job still has it. */
export function storeInputImage(ctx: EngineContext, id: string, image: LoadedImage): StoredImage {
  const file = ctx.files.writeInput(id, image.bytes, extensionOf(image.info));
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

export function imageSourceOf(ctx: EngineContext, stored: StoredImage, bytes?: Uint8Array): ImageSource {
  let cached = bytes;
  return {
    mediaType: stored.mediaType,
    filename: stored.filename,
    url: stored.url,
    read: () => {
      cached ??= ctx.files.readInput(stored.file);
      return cached;
    },
  };
}

/** Removes the request's image once no job of it still waits to be submitted. */
export async function releaseInputImage(
  ctx: EngineContext,
  job: Pick<JobRecord, 'id' | 'parentId' | 'inputImage'>,
): Promise<void> {
  if (!job.inputImage) return;
  const topId = job.parentId ?? job.id;
  if ((await ctx.store.pendingSubmits(topId)) === 0) await ctx.files.removeInput(job.inputImage.file);
}
