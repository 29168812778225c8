import { renderMp4, renderPng } from '../../media';

export type RenderedFile = { bytes: Uint8Array; contentType: string };

export type FileSpec =
  /** `audio`: with a sound track, as a model that generates audio delivers (default: silent). */
  | {
      kind: 'video';
      width: number;
      height: number;
      seconds: number;
      seed: string;
      audio?: boolean | undefined;
    }
  | { kind: 'image'; width: number; height: number; seed: string }
  | { kind: 'spritesheet'; width: number; height: number; seed: string };

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
          ? `video:${spec.width}x${spec.height}:${spec.seconds}:${spec.audio === true ? 'audio' : 'silent'}`
          : `${spec.kind}:${spec.width}x${spec.height}`;
      const cached = entries.get(key);
      if (cached) {
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      const file: RenderedFile =
        spec.kind === 'video'
          ? {
              // The H.264 renderer needs even sides; a tier such as 768p at 16:9 may come out odd.
              bytes: renderMp4({
                width: even(spec.width),
                height: even(spec.height),
                seconds: spec.seconds,
                seed: spec.seed,
                audio: spec.audio === true,
              }),
              contentType: 'video/mp4',
            }
          : {
              bytes: renderPng(spec.kind === 'image' ? spec : spritesheetSize(spec)),
              contentType: 'image/png',
            };
      entries.set(key, file);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return file;
    },
    clear(): void {
      entries.clear();
    },
  };
}

function even(value: number): number {
  return Math.max(16, Math.round(value / 2) * 2);
}

/** A strip of five frames at an eighth of the video's size, like the providers' sprite sheets. */
export function spritesheetSize(spec: { width: number; height: number; seed: string }) {
  return {
    width: Math.max(1, Math.round(spec.width / 8)) * 5,
    height: Math.max(1, Math.round(spec.height / 8)),
    seed: spec.seed,
  };
}
