import { renderPng } from '@reelay/testing';
import { describe, expect, it } from 'vitest';
import { pngHeader } from '../test-support/fake-upstream';
import { checkImage, defaultImageLimits } from './check-image';
import { decodeDataUri, encodeDataUri } from './data-uri';
import { readImageInfo } from './image-info';

/** A JPEG start: SOI, an APP0 segment, then SOF0 with the size. */
function jpegHeader(width: number, height: number, sof = 0xc0): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xff,
    sof,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
  ]);
}

function riff(chunk: string, payload: number[]): Uint8Array {
  const bytes = new Uint8Array(20 + payload.length);
  bytes.set(
    [...'RIFF'].map((c) => c.charCodeAt(0)),
    0,
  );
  bytes.set(
    [...'WEBP'].map((c) => c.charCodeAt(0)),
    8,
  );
  bytes.set(
    [...chunk].map((c) => c.charCodeAt(0)),
    12,
  );
  bytes.set(payload, 20);
  return bytes;
}

const webpLossy = (w: number, h: number) =>
  riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, w & 0xff, w >> 8, h & 0xff, h >> 8]);
const webpLossless = (w: number, h: number) => {
  const bits = (w - 1) | ((h - 1) << 14);
  return riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]);
};
const webpExtended = (w: number, h: number) =>
  riff('VP8X', [
    0,
    0,
    0,
    0,
    (w - 1) & 0xff,
    ((w - 1) >> 8) & 0xff,
    (w - 1) >> 16,
    (h - 1) & 0xff,
    ((h - 1) >> 8) & 0xff,
    (h - 1) >> 16,
  ]);

describe('readImageInfo', () => {
  it.each([
    ['png header', pngHeader(1280, 720), { mediaType: 'image/png', width: 1280, height: 720 }],
    ['rendered png', renderPng({ width: 64, height: 48 }), { mediaType: 'image/png', width: 64, height: 48 }],
    ['jpeg baseline', jpegHeader(1920, 1080), { mediaType: 'image/jpeg', width: 1920, height: 1080 }],
    ['jpeg progressive', jpegHeader(720, 1280, 0xc2), { mediaType: 'image/jpeg', width: 720, height: 1280 }],
    ['webp lossy', webpLossy(800, 600), { mediaType: 'image/webp', width: 800, height: 600 }],
    ['webp lossless', webpLossless(1024, 768), { mediaType: 'image/webp', width: 1024, height: 768 }],
    ['webp extended', webpExtended(4000, 3000), { mediaType: 'image/webp', width: 4000, height: 3000 }],
  ])('should read a %s', (_name, bytes, expected) => {
    expect(readImageInfo(bytes)).toEqual(expected);
  });

  it.each([
    ['text', new TextEncoder().encode('hello, world, not an image')],
    ['empty', new Uint8Array()],
    ['gif', new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000')],
    ['truncated png', pngHeader(10, 10).slice(0, 20)],
    ['jpeg without a frame', new Uint8Array([0xff, 0xd8, 0xff, 0xd9])],
  ])('should refuse %s', (_name, bytes) => {
    expect(readImageInfo(bytes)).toBeUndefined();
  });
});

describe('checkImage', () => {
  it.each([
    ['not an image', new TextEncoder().encode('nope'), 'invalid_image'],
    ['too small', pngHeader(8, 8), 'invalid_image_dimensions'],
    ['too large a side', pngHeader(9000, 100), 'invalid_image_dimensions'],
    ['too many bytes', new Uint8Array(defaultImageLimits.maxBytes + 1), 'image_too_large'],
  ])('should refuse an image that is %s', (_name, bytes, code) => {
    expect(() => checkImage(bytes, defaultImageLimits)).toThrow(
      expect.objectContaining({ code, param: 'input_reference' }),
    );
  });
});

describe('data URIs', () => {
  it('should round-trip bytes and refuse oversized payloads before decoding', () => {
    const bytes = pngHeader(32, 32);
    expect(decodeDataUri(encodeDataUri(bytes, 'image/png'), 1000)).toEqual({ bytes, mediaType: 'image/png' });
    expect(() => decodeDataUri(encodeDataUri(new Uint8Array(3000), 'image/png'), 1000)).toThrow(
      expect.objectContaining({ code: 'image_too_large', status: 413 }),
    );
    expect(() => decodeDataUri('data:image/png;base64', 1000)).toThrow(
      expect.objectContaining({ code: 'invalid_image' }),
    );
  });
});
