import { describe, expect, it } from 'vitest';
import { childBoxes, fourCc, type Mp4Box, readBoxes } from './mp4-box-reader';
import { readMp4Info } from './read-mp4-info';
import { renderMp4 } from './render-mp4';

/** The `trak` boxes of a file, each with its handler type and its media duration in seconds. */
function tracks(mp4: Uint8Array): Array<{ handler: string; seconds: number; stbl: Mp4Box }> {
  const view = new DataView(mp4.buffer, mp4.byteOffset, mp4.byteLength);
  const moov = readBoxes(mp4, 0, mp4.length).find((box) => box.type === 'moov')!;
  return childBoxes(mp4, moov)
    .filter((box) => box.type === 'trak')
    .map((trak) => {
      const mdia = childBoxes(mp4, trak).find((box) => box.type === 'mdia')!;
      const children = childBoxes(mp4, mdia);
      const mdhd = children.find((box) => box.type === 'mdhd')!;
      const hdlr = children.find((box) => box.type === 'hdlr')!;
      const minf = children.find((box) => box.type === 'minf')!;
      // mdhd v0: version+flags, created, modified, timescale, duration. hdlr: version+flags, pre_defined, type.
      const timescale = view.getUint32(mdhd.start + 8 + 12);
      const duration = view.getUint32(mdhd.start + 8 + 16);
      return {
        handler: fourCc(mp4, hdlr.start + 8 + 8),
        seconds: duration / timescale,
        stbl: childBoxes(mp4, minf).find((box) => box.type === 'stbl')!,
      };
    });
}

/** CRC-16 as FLAC defines it (polynomial 0x8005), written here independently of the encoder. */
function flacCrc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const top = ((crc >> 15) & 1) ^ ((byte >> bit) & 1);
      crc = (crc << 1) & 0xffff;
      if (top) crc ^= 0x8005;
    }
  }
  return crc;
}

describe('renderMp4 with audio', () => {
  it.each([4, 8, 2.5])('adds a sound track exactly %s s long beside the video', (seconds) => {
    const mp4 = renderMp4({ width: 320, height: 180, seconds, audio: true, seed: 'job' });
    const found = tracks(mp4);
    expect(found.map((track) => track.handler)).toEqual(['vide', 'soun']);
    expect(found[1]!.seconds).toBeCloseTo(seconds, 3);
    expect(readMp4Info(mp4)).toMatchObject({
      durationSeconds: seconds,
      width: 320,
      height: 180,
      audio: { codec: 'fLaC', sampleRate: 16_000, channels: 1, durationSeconds: seconds },
    });
  });

  it('stores valid FLAC frames of an audible tone where the sound track points', () => {
    const mp4 = renderMp4({ width: 160, height: 90, seconds: 1, audio: true });
    const view = new DataView(mp4.buffer, mp4.byteOffset, mp4.byteLength);
    const { stbl } = tracks(mp4)[1]!;
    const boxes = childBoxes(mp4, stbl);
    const stco = boxes.find((box) => box.type === 'stco')!;
    const stsz = boxes.find((box) => box.type === 'stsz')!;
    let at = view.getUint32(stco.start + 8 + 8);
    const count = view.getUint32(stsz.start + 8 + 8);
    expect(count).toBe(4); // 16,000 samples in blocks of 4,096
    let squares = 0;
    let samples = 0;
    for (let index = 0; index < count; index++) {
      const size = view.getUint32(stsz.start + 8 + 12 + index * 4);
      const frame = mp4.subarray(at, at + size);
      expect(view.getUint16(at)).toBe(0xfff8); // FLAC frame sync, fixed block size
      expect(flacCrc16(frame.subarray(0, size - 2))).toBe(view.getUint16(at + size - 2));
      // VERBATIM subframe after the 7-byte header (1-byte frame number) and CRC-8: 16-bit samples.
      const blockSize = view.getUint16(at + 5) + 1;
      expect(frame[8]).toBe(0b10);
      for (let sample = 0; sample < blockSize; sample++) {
        squares += view.getInt16(at + 9 + sample * 2) ** 2;
        samples += 1;
      }
      at += size;
    }
    expect(samples).toBe(16_000);
    const rms = Math.sqrt(squares / samples) / 32768;
    expect(rms).toBeGreaterThan(0.05);
    expect(rms).toBeLessThan(0.5);
  });

  it('stays silent by default: one video track, no audio', () => {
    const mp4 = renderMp4({ width: 160, height: 90, seconds: 1 });
    expect(tracks(mp4).map((track) => track.handler)).toEqual(['vide']);
    expect(readMp4Info(mp4).audio).toBeUndefined();
  });
});
