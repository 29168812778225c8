import { renderMp4, renderPng } from '../../media';

export type RenderedFile = { bytes: Uint8Array; contentType: string };

export type FileSpec =
  | { kind: 'video'; width: number; height: number; seconds: number; seed: string }
  | { kind: 'image'; width: number; height: number; seed: string };

/**
 * Renders output files on first download and keeps the last few: rendering a 1080p clip takes a while, and
 * the same clip is often fetched more than once (content probe, then the copy).
 */
export function createRenderCache(capacity = 8) {
  const entries = new Map<string, RenderedFile>();

  return {
    get(spec: FileSpec): RenderedFile {
      const key =
        spec.kind === 'video'
          ? `video:${spec.width}x${spec.height}:${spec.seconds}`
          : `image:${spec.width}x${spec.height}`;
      const cached = entries.get(key);
      if (cached) {
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      const file: RenderedFile =
        spec.kind === 'video'
          ? { bytes: renderMp4(spec), contentType: 'video/mp4' }
          : { bytes: renderPng(spec), contentType: 'image/png' };
      entries.set(key, file);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return file;
    },
    clear(): void {
      entries.clear();
    },
  };
}
