/** What the gateway reads from an input video's bytes, without decoding it. */
export type VideoInfo = {
  mediaType: VideoMediaType;
  /** From the first video track; undefined where the container does not say (WebM) or the file is odd. */
  width: number | undefined;
  height: number | undefined;
  seconds: number | undefined;
};

export type VideoMediaType = 'video/mp4' | 'video/quicktime' | 'video/webm';

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/**
 * Recognises MP4, QuickTime and WebM from their first bytes, and reads an MP4's length (mvhd) and its video
 * track's display size (tkhd). Never throws on hostile input: a box that runs past the end stops the walk.
 */
export function readVideoInfo(bytes: Uint8Array): VideoInfo | undefined {
  if (EBML_MAGIC.every((byte, index) => bytes[index] === byte)) {
    return { mediaType: 'video/webm', width: undefined, height: undefined, seconds: undefined };
  }
  if (bytes.length < 12 || fourCc(bytes, 4) !== 'ftyp') return undefined;
  const mediaType = fourCc(bytes, 8) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info: VideoInfo = { mediaType, width: undefined, height: undefined, seconds: undefined };
  const moov = boxes(view, 0, bytes.length).find((box) => box.type === 'moov');
  if (!moov) return info;
  for (const box of boxes(view, moov.body, moov.end)) {
    if (box.type === 'mvhd') info.seconds = movieSeconds(view, box);
    if (box.type === 'trak' && info.width === undefined) {
      const size = videoTrackSize(view, box);
      if (size) Object.assign(info, size);
    }
  }
  return info;
}

type Box = { type: string; body: number; end: number };

function boxes(view: DataView, start: number, end: number): Box[] {
  const found: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    let header = 8;
    if (size === 1 && offset + 16 <= end) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) break;
    found.push({ type: fourCcAt(view, offset + 4), body: offset + header, end: offset + size });
    offset += size;
  }
  return found;
}

function movieSeconds(view: DataView, mvhd: Box): number | undefined {
  const version = view.getUint8(mvhd.body);
  const need = version === 1 ? 32 : 20;
  if (mvhd.body + need > mvhd.end) return undefined;
  const timescale = view.getUint32(mvhd.body + (version === 1 ? 20 : 12));
  const duration = version === 1 ? Number(view.getBigUint64(mvhd.body + 24)) : view.getUint32(mvhd.body + 16);
  return timescale > 0 && duration > 0 ? Math.round((duration / timescale) * 1000) / 1000 : undefined;
}

function videoTrackSize(view: DataView, trak: Box): { width: number; height: number } | undefined {
  const children = boxes(view, trak.body, trak.end);
  const mdia = children.find((box) => box.type === 'mdia');
  const handler = mdia && boxes(view, mdia.body, mdia.end).find((box) => box.type === 'hdlr');
  if (!handler || handler.body + 12 > handler.end || fourCcAt(view, handler.body + 8) !== 'vide')
    return undefined;
  const tkhd = children.find((box) => box.type === 'tkhd');
  if (!tkhd) return undefined;
  const offset = tkhd.body + (view.getUint8(tkhd.body) === 1 ? 88 : 76);
  if (offset + 8 > tkhd.end) return undefined;
  // 16.16 fixed point.
  const width = Math.round(view.getUint32(offset) / 0x10000);
  const height = Math.round(view.getUint32(offset + 4) / 0x10000);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function fourCcAt(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}
