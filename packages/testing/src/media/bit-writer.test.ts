import { describe, expect, it } from 'vitest';
import { BitWriter, rbspToNalPayload } from './bit-writer';

function bits(write: (writer: BitWriter) => void): string {
  const writer = new BitWriter();
  write(writer);
  writer.alignWithZeros();
  return [...writer.finish()].map((byte) => byte.toString(2).padStart(8, '0')).join('');
}

describe('BitWriter', () => {
  it('writes fixed-width fields most significant bit first', () => {
    expect(bits((w) => w.u(3, 0b101))).toBe('10100000');
    expect(bits((w) => w.u(32, 0xdeadbeef))).toBe((0xdeadbeef).toString(2));
  });

  it.each([
    [0, '1'],
    [1, '010'],
    [2, '011'],
    [3, '00100'],
    [30, '000011111'],
  ])('writes ue(%i) as %s', (value, code) => {
    expect(bits((w) => w.ue(value)).startsWith(code)).toBe(true);
  });

  it.each([
    [0, '1'],
    [1, '010'],
    [-1, '011'],
    [2, '00100'],
    [-2, '00101'],
  ])('writes se(%i) as %s', (value, code) => {
    expect(bits((w) => w.se(value)).startsWith(code)).toBe(true);
  });

  it('ends RBSP with a stop bit and zero alignment', () => {
    const trailed = bits((w) => {
      w.u(2, 0b11);
      w.trailingBits();
    });
    expect(trailed).toBe('11100000');
  });

  it('refuses raw bytes off a byte boundary', () => {
    const writer = new BitWriter();
    writer.u(1, 1);
    expect(() => writer.bytes(Uint8Array.of(1))).toThrow(/byte-aligned/);
  });
});

describe('rbspToNalPayload', () => {
  it('escapes every 00 00 0x sequence with x <= 3', () => {
    expect([...rbspToNalPayload(Uint8Array.of(0, 0, 0, 0, 0, 1, 0, 0, 4, 0, 0, 3))]).toEqual([
      0, 0, 3, 0, 0, 3, 0, 1, 0, 0, 4, 0, 0, 3, 3,
    ]);
  });

  it('returns the input untouched when nothing needs escaping', () => {
    const rbsp = Uint8Array.of(1, 0, 2, 0, 0, 9);
    expect(rbspToNalPayload(rbsp)).toBe(rbsp);
  });
});
