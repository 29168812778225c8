import { randomBytes } from 'node:crypto';

const extensions: Record<string, string> = {
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
  'image/webp': '.webp',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
};

/**
 * `video-3f9a0c1d2e4b.mp4`: the variant, a token of this writer and the extension of its content type. Two
 * instances finishing the same job write different files, so the loser can remove its own without touching the
 * winner's (the job row names the file that won). Rows written before the token (`video.mp4`) still read.
 */
export function outputFileName(variant: string, contentType: string, token = writerToken()): string {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return `${variant}-${token}${extensions[base] ?? '.bin'}`;
}

/** 12 hex characters: unique enough among the few writers one job ever has. */
export function writerToken(): string {
  return randomBytes(6).toString('hex');
}

/** Job ids reach paths; anything but our own id shape is refused so no path can escape the data dir. */
export function assertSafeId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw new Error(`Refusing unsafe storage id '${id}'.`);
  return id;
}

/** A stored output's file name, as a job row records it: one path segment, never `..`. */
export function assertSafeFile(file: string): string {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,120}$/.test(file) || file.includes('..')) {
    throw new Error(`Refusing unsafe stored file name '${file}'.`);
  }
  return file;
}

/** `inputs/<id>.<ext>`, the name a job row records for an input file; anything else is refused. */
export function inputName(id: string, extension: string): string {
  return assertSafeInput(`inputs/${assertSafeId(id)}${extension}`);
}

export function assertSafeInput(relative: string): string {
  if (!/^inputs\/[A-Za-z0-9_-]{1,80}(\.[a-z0-9]{1,8})?$/.test(relative)) {
    throw new Error(`Refusing unsafe input file name '${relative}'.`);
  }
  return relative;
}
