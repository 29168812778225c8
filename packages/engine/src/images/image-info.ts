export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/webp';

export type ImageInfo = { mediaType: ImageMediaType; width: number; height: number };

/**
 * The real type and size of an image from its bytes: the declared content type and file name are not
 * trusted. `undefined` when the bytes are not a PNG, JPEG or WebP whose header can be read.
 */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (isPng(bytes)) return readPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes);
  return undefined;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return pngSignature.every((byte, index) => bytes[index] === byte);
}

function readPng(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return { mediaType: 'image/png', width: uint32be(bytes, 16), height: uint32be(bytes, 20) };
}

/** Walks the marker segments to the first start-of-frame, which holds the dimensions. */
function readJpeg(bytes: Uint8Array): ImageInfo | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before a frame
    const length = uint16be(bytes, offset + 2);
    if (length < 2) return undefined;
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (offset + 9 > bytes.length) return undefined;
      return {
        mediaType: 'image/jpeg',
        height: uint16be(bytes, offset + 5),
        width: uint16be(bytes, offset + 7),
      };
    }
    offset += 2 + length;
  }
  return undefined;
}

function readWebp(bytes: Uint8Array): ImageInfo | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return {
      mediaType: 'image/webp',
      width: uint16le(bytes, 26) & 0x3fff,
      height: uint16le(bytes, 28) & 0x3fff,
    };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    if (bytes[20] !== 0x2f) return undefined;
    const b1 = bytes[21]!;
    const b2 = bytes[22]!;
    const b3 = bytes[23]!;
    const b4 = bytes[24]!;
    return {
      mediaType: 'image/webp',
      width: 1 + (b1 | ((b2 & 0x3f) << 8)),
      height: 1 + ((b2 >> 6) | (b3 << 2) | ((b4 & 0x0f) << 10)),
    };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { mediaType: 'image/webp', width: 1 + uint24le(bytes, 24), height: 1 + uint24le(bytes, 27) };
  }
  return undefined;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let index = offset; index < offset + length && index < bytes.length; index++) {
    text += String.fromCharCode(bytes[index]!);
  }
  return text;
}

function uint32be(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) >>> 0) +
    (bytes[offset + 1]! << 16) +
    (bytes[offset + 2]! << 8) +
    bytes[offset + 3]!
  );
}

function uint16be(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function uint16le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function uint24le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
}
