import { deflateSync } from 'node:zlib';
import type { Rgb } from './colour';
import { seedPalette } from './seed-palette';

export type RenderPngOptions = {
  /** Integer from 1 to 8192. */
  width: number;
  /** Integer from 1 to 8192. */
  height: number;
  /** Same seed as the video gives the same colours, so a thumbnail matches its clip. */
  seed?: string;
};

const MAX_DIMENSION = 8192;
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * An 8-bit RGB PNG that looks like a still of `renderMp4` with the same seed: a shaded background, the box
 * in the middle and the progress bar along the bottom.
 */
export function renderPng(options: RenderPngOptions): Uint8Array {
  const { width, height, seed } = options;
  for (const field of ['width', 'height'] as const) {
    const value = options[field];
    if (!Number.isInteger(value) || value < 1 || value > MAX_DIMENSION) {
      throw new RangeError(
        `renderPng: ${field} must be an integer from 1 to ${MAX_DIMENSION}, got ${String(value)}`,
      );
    }
  }
  const palette = seedPalette(seed);
  const box = palette.box(0);
  const boxSize = Math.max(1, Math.round(Math.min(width, height) / 6));
  const boxLeft = Math.floor((width - boxSize) / 2);
  const boxTop = Math.floor((height - boxSize) / 2);
  const barHeight = Math.max(1, Math.round(height / 90));
  const barColours = Array.from({ length: width }, (_, x) => palette.bar(x / width));

  const stride = width * 3 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride; // raw[row] stays 0: filter type None
    const shade = 1 - (0.35 * y) / height;
    const background = scale(palette.background, shade + 0.15);
    for (let x = 0; x < width; x++) {
      const inBox = x >= boxLeft && x < boxLeft + boxSize && y >= boxTop && y < boxTop + boxSize;
      const colour = y >= height - barHeight ? barColours[x]! : inBox ? box : background;
      const at = row + 1 + x * 3;
      raw[at] = colour.r;
      raw[at + 1] = colour.g;
      raw[at + 2] = colour.b;
    }
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  return concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function scale({ r, g, b }: Rgb, factor: number): Rgb {
  const channel = (value: number) => Math.min(255, Math.round(value * factor));
  return { r: channel(r), g: channel(g), b: channel(b) };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let index = 0; index < 4; index++) out[4 + index] = type.charCodeAt(index);
  out.set(data, 8);
  // The CRC covers the chunk type and data, not the length.
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
