const extensions: Record<string, string> = {
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
  'image/webp': '.webp',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
};

/** `video.mp4`, `thumbnail.webp`: the variant plus the extension of its content type. */
export function outputFileName(variant: string, contentType: string): string {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return `${variant}${extensions[base] ?? '.bin'}`;
}

/** Job ids reach paths; anything but our own id shape is refused so no path can escape the data dir. */
export function assertSafeId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw new Error(`Refusing unsafe storage id '${id}'.`);
  return id;
}
