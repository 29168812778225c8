import { ByteWriter } from './mp4-box-writer';

/**
 * A FLAC stream as an MP4 audio track carries it: the STREAMINFO block (for the `dfLa` box) and one sample per
 * frame. FLAC is lossless and its simplest frames (VERBATIM subframes) are plain PCM with a header and two
 * CRCs, so a correct encoder fits on a page, and browsers play FLAC in MP4 (Chrome, Firefox, Safari).
 */
export type FlacStream = {
  sampleRate: number;
  channels: 1;
  bitsPerSample: 16;
  totalSamples: number;
  streamInfo: Uint8Array;
  frames: Array<{ bytes: Uint8Array; samples: number }>;
};

/** Samples per frame: the usual FLAC block size. */
const BLOCK_SIZE = 4096;
/** FLAC's frame-header codes for the rates it names directly (others would need extra header bytes). */
const SAMPLE_RATE_CODES: Record<number, number> = { 8000: 0b0100, 16000: 0b0101, 48000: 0b1010 };

/** Encodes mono 16-bit PCM (values in −32768…32767) as FLAC frames with VERBATIM subframes. */
export function encodeFlac(pcm: Int16Array, sampleRate: number): FlacStream {
  const rateCode = SAMPLE_RATE_CODES[sampleRate];
  if (rateCode === undefined) {
    throw new RangeError(
      `encodeFlac: sample rate must be one of ${Object.keys(SAMPLE_RATE_CODES).join(', ')}`,
    );
  }
  if (pcm.length < 16) throw new RangeError('encodeFlac: FLAC needs at least 16 samples');
  const frames: FlacStream['frames'] = [];
  for (let start = 0, index = 0; start < pcm.length; start += BLOCK_SIZE, index++) {
    const block = pcm.subarray(start, Math.min(pcm.length, start + BLOCK_SIZE));
    frames.push({ bytes: encodeFrame(block, index, rateCode), samples: block.length });
  }
  const frameSizes = frames.map((frame) => frame.bytes.length);
  const blockSize = frames.length > 1 ? BLOCK_SIZE : pcm.length;
  return {
    sampleRate,
    channels: 1,
    bitsPerSample: 16,
    totalSamples: pcm.length,
    streamInfo: streamInfo({
      // The minimum block size excludes the last, shorter block (FLAC's own rule for fixed-size streams).
      blockSize,
      minFrameSize: Math.min(...frameSizes),
      maxFrameSize: Math.max(...frameSizes),
      sampleRate,
      totalSamples: pcm.length,
    }),
    frames,
  };
}

function encodeFrame(block: Int16Array, frameNumber: number, rateCode: number): Uint8Array {
  const header = new ByteWriter(16)
    .u16(0xfff8) // sync code, reserved 0, fixed block size
    .u8((0b0111 << 4) | rateCode) // block size as a 16-bit value at the end of the header
    .u8((0b0000 << 4) | (0b100 << 1)) // mono, 16 bits per sample
    .bytes(utf8Number(frameNumber))
    .u16(block.length - 1);
  const headerBytes = header.finish();
  const frame = new ByteWriter(headerBytes.length + 4 + block.length * 2)
    .bytes(headerBytes)
    .u8(crc8(headerBytes))
    .u8(0b0000_0010); // subframe: VERBATIM, no wasted bits
  for (const sample of block) frame.i16(sample);
  const body = frame.finish();
  return new ByteWriter(body.length + 2).bytes(body).u16(crc16(body)).finish();
}

function streamInfo(info: {
  blockSize: number;
  minFrameSize: number;
  maxFrameSize: number;
  sampleRate: number;
  totalSamples: number;
}): Uint8Array {
  const writer = new ByteWriter(34)
    .u16(info.blockSize)
    .u16(info.blockSize)
    .u8(info.minFrameSize >>> 16)
    .u16(info.minFrameSize & 0xffff)
    .u8(info.maxFrameSize >>> 16)
    .u16(info.maxFrameSize & 0xffff);
  // 20 bits sample rate, 3 bits channels − 1, 5 bits bits-per-sample − 1, 36 bits total samples.
  const packed = (BigInt(info.sampleRate) << 44n) | (0n << 41n) | (15n << 36n) | BigInt(info.totalSamples);
  writer.u32(Number(packed >> 32n)).u32(Number(packed & 0xffffffffn));
  return writer.zeros(16).finish(); // MD5 of the audio: zero means "not computed", which FLAC allows
}

/** FLAC writes frame numbers like UTF-8 code points (up to 31 bits here). */
function utf8Number(value: number): Uint8Array {
  if (value < 0x80) return Uint8Array.of(value);
  const bytes: number[] = [];
  let rest = value;
  let limit = 0x3f; // payload bits the first byte can still hold, shrinking with each continuation byte
  while (rest > limit) {
    bytes.unshift(0x80 | (rest & 0x3f));
    rest >>>= 6;
    limit >>>= 1;
  }
  const lead = (0xff << (7 - bytes.length)) & 0xff;
  return Uint8Array.from([lead | rest, ...bytes]);
}

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
