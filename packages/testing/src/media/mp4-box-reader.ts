/** A box located in the file: `start` is its first header byte, `payload` its first content byte. */
export type Mp4Box = { type: string; start: number; payload: number; end: number };

/**
 * Lists the boxes laid end to end in bytes [from, to). Throws when a header is cut off, declares a size that
 * runs past `to`, or has a type that is not four printable characters (the usual sign of a non-MP4 input).
 */
export function readBoxes(bytes: Uint8Array, from: number, to: number, parent = 'file'): Mp4Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Mp4Box[] = [];
  let at = from;
  while (at < to) {
    if (to - at < 8) {
      throw new Error(
        `Truncated MP4: ${to - at} stray bytes at offset ${at} in ${parent}, too few for a box header`,
      );
    }
    const type = fourCc(bytes, at + 4);
    if (!/^[\x20-\x7e]{4}$/.test(type)) {
      throw new Error(`Not an MP4 file: no valid box header at offset ${at} in ${parent}`);
    }
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (to - at < 16) throw new Error(`Truncated MP4: box "${type}" at offset ${at} lost its 64-bit size`);
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at; // extends to the end of the enclosing space
    }
    if (size < header)
      throw new Error(`Not an MP4 file: box "${type}" at offset ${at} declares ${size} bytes`);
    if (at + size > to) {
      throw new Error(
        `Truncated MP4: box "${type}" at offset ${at} declares ${size} bytes but only ${to - at} remain in ${parent}`,
      );
    }
    boxes.push({ type, start: at, payload: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

export function childBoxes(bytes: Uint8Array, parent: Mp4Box, skip = 0): Mp4Box[] {
  return readBoxes(bytes, parent.payload + skip, parent.end, `"${parent.type}"`);
}

export function fourCc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

/** Bounds-checked big-endian field reads inside one box. */
export class BoxFields {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly box: Mp4Box,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get version(): number {
    return this.u8(0);
  }

  u8(offset: number): number {
    return this.view.getUint8(this.check(offset, 1));
  }

  u16(offset: number): number {
    return this.view.getUint16(this.check(offset, 2));
  }

  u32(offset: number): number {
    return this.view.getUint32(this.check(offset, 4));
  }

  u64(offset: number): number {
    return Number(this.view.getBigUint64(this.check(offset, 8)));
  }

  fourCc(offset: number): string {
    return fourCc(this.bytes, this.check(offset, 4));
  }

  get size(): number {
    return this.box.end - this.box.payload;
  }

  private check(offset: number, length: number): number {
    const at = this.box.payload + offset;
    if (at + length > this.box.end) {
      throw new Error(
        `Truncated MP4: box "${this.box.type}" at offset ${this.box.start} is too short for its fields`,
      );
    }
    return at;
  }
}
