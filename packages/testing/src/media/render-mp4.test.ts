import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMp4Info } from './read-mp4-info';
import { type RenderMp4Options, renderMp4 } from './render-mp4';
import { renderPng } from './render-png';

const sizes: [width: number, height: number][] = [
  [1280, 720],
  [720, 1280],
  [1920, 1080], // 1080 is not a multiple of 16: coded as 1088 and cropped
  [1792, 1024],
  [640, 360],
];
const durations = [4, 5, 8, 2.5];
const cases = sizes.flatMap(([width, height]) => durations.map((seconds) => ({ width, height, seconds })));

describe('renderMp4', () => {
  it.each(cases)('$width x $height for $seconds s parses back exactly', ({ width, height, seconds }) => {
    const info = readMp4Info(renderMp4({ width, height, seconds, seed: `job-${width}-${seconds}` }));

    expect(info.brands).toEqual(expect.arrayContaining(['isom', 'iso2', 'avc1', 'mp41']));
    expect(info.boxes).toEqual(['ftyp', 'moov', 'mdat']);
    expect(info.hasMoov).toBe(true);
    expect(info.width).toBe(width);
    expect(info.height).toBe(height);
    expect(Math.abs(info.durationSeconds - seconds)).toBeLessThan(0.1);
    expect(info.codec).toMatch(/^avc1\.42C0[0-9A-F]{2}$/);
    expect(info.frameCount).toBe(Math.ceil(seconds * 24));
  });

  it('stores length-prefixed NAL units in mdat, starting with the IDR picture', () => {
    const mp4 = renderMp4({ width: 320, height: 240, seconds: 1 });
    const view = new DataView(mp4.buffer, mp4.byteOffset, mp4.byteLength);
    const info = readMp4Info(mp4);
    let at = 0;
    for (const type of info.boxes.slice(0, -1)) {
      expect(String.fromCharCode(...mp4.subarray(at + 4, at + 8))).toBe(type);
      at += view.getUint32(at);
    }
    const payload = at + 8;
    let sample = payload;
    let frames = 0;
    while (sample < mp4.length) {
      const nalType = (mp4[sample + 4] ?? 0) & 0x1f;
      expect(nalType).toBe(frames === 0 ? 5 : 1);
      sample += 4 + view.getUint32(sample);
      frames++;
    }
    expect(sample).toBe(mp4.length);
    expect(frames).toBe(info.frameCount);
  });

  it('keeps odd durations and frame rates exact by shortening the last frame', () => {
    const info = readMp4Info(renderMp4({ width: 320, height: 240, seconds: 3.33, fps: 7 }));
    expect(info.durationSeconds).toBeCloseTo(3.33, 3);
    expect(info.frameCount).toBe(24);
  });

  it('picks the level from the frame size', () => {
    expect(readMp4Info(renderMp4({ width: 1280, height: 720, seconds: 1 })).codec).toBe('avc1.42C01F');
    expect(readMp4Info(renderMp4({ width: 1920, height: 1080, seconds: 1 })).codec).toBe('avc1.42C028');
  });

  it('gives different seeds different bytes and the same seed the same bytes', () => {
    const render = (seed: string) => renderMp4({ width: 64, height: 64, seconds: 1, seed });
    expect(render('a')).toEqual(render('a'));
    expect(render('a')).not.toEqual(render('b'));
  });

  it.each<[keyof RenderMp4Options, Partial<RenderMp4Options>]>([
    ['width', { width: 17 }],
    ['width', { width: 8 }],
    ['width', { width: 4098 }],
    ['width', { width: Number.NaN }],
    ['height', { height: 721 }],
    ['height', { height: 0 }],
    ['seconds', { seconds: 0 }],
    ['seconds', { seconds: -1 }],
    ['seconds', { seconds: 61 }],
    ['seconds', { seconds: Number.POSITIVE_INFINITY }],
    ['fps', { fps: 0 }],
    ['fps', { fps: 61 }],
    ['fps', { fps: 23.976 }],
  ])('rejects a bad %s (%o) with a RangeError naming it', (field, override) => {
    const render = () => renderMp4({ width: 640, height: 360, seconds: 2, ...override });
    expect(render).toThrow(RangeError);
    expect(render).toThrow(new RegExp(`\\b${field}\\b`));
  });
});

describe('readMp4Info', () => {
  const valid = renderMp4({ width: 320, height: 240, seconds: 1 });

  it('rejects bytes that are not an MP4', () => {
    expect(() => readMp4Info(new TextEncoder().encode('<html><body>not a video</body></html>'))).toThrow(
      /Not an MP4/,
    );
    expect(() => readMp4Info(Uint8Array.from({ length: 64 }, (_, index) => (index * 37) % 256))).toThrow(
      Error,
    );
    expect(() => readMp4Info(new Uint8Array(0))).toThrow(/Not an MP4/);
  });

  it.each([12, 20, 100, 1000, valid.length - 1])('rejects a file truncated to %i bytes', (length) => {
    expect(() => readMp4Info(valid.subarray(0, length))).toThrow(/Truncated MP4/);
  });
});

describe('renderPng', () => {
  it('writes a valid RGB PNG of the requested size', () => {
    const png = renderPng({ width: 160, height: 90, seed: 'job-1' });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect(view.getUint32(16)).toBe(160);
    expect(view.getUint32(20)).toBe(90);
    expect(png[24]).toBe(8);
    expect(png[25]).toBe(2);
    const idatLength = view.getUint32(33);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe((160 * 3 + 1) * 90);
    expect(String.fromCharCode(...png.subarray(png.length - 8, png.length - 4))).toBe('IEND');
  });

  it('rejects a bad size with a RangeError naming the field', () => {
    expect(() => renderPng({ width: 0, height: 10 })).toThrow(/width/);
    expect(() => renderPng({ width: 10, height: 1.5 })).toThrow(RangeError);
  });
});
