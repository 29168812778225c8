/** Growable big-endian writer for ISO BMFF box payloads. */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  u8(value: number): this {
    this.reserve(1).setUint8(this.length, value);
    this.length += 1;
    return this;
  }

  u16(value: number): this {
    this.reserve(2).setUint16(this.length, value);
    this.length += 2;
    return this;
  }

  i16(value: number): this {
    this.reserve(2).setInt16(this.length, value);
    this.length += 2;
    return this;
  }

  u32(value: number): this {
    this.reserve(4).setUint32(this.length, value);
    this.length += 4;
    return this;
  }

  u64(value: number): this {
    this.reserve(8).setBigUint64(this.length, BigInt(value));
    this.length += 8;
    return this;
  }

  /** Unsigned 16.16 fixed point, as used for track width and height. */
  fixed16(value: number): this {
    return this.u32(Math.round(value * 0x10000));
  }

  /** Four-character codes and other ASCII text, written byte for byte. */
  ascii(text: string): this {
    for (let index = 0; index < text.length; index++) this.u8(text.charCodeAt(index));
    return this;
  }

  zeros(count: number): this {
    this.reserve(count);
    this.length += count;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(extra: number): DataView {
    if (this.length + extra > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (capacity < this.length + extra) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    return this.view;
  }
}

export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const size = payload.reduce((total, part) => total + part.length, 8);
  const writer = new ByteWriter(size).u32(size).ascii(type);
  for (const part of payload) writer.bytes(part);
  return writer.finish();
}

export function fullBox(type: string, version: number, flags: number, ...payload: Uint8Array[]): Uint8Array {
  const header = new ByteWriter(4)
    .u8(version)
    .u8(flags >>> 16)
    .u16(flags & 0xffff)
    .finish();
  return box(type, header, ...payload);
}
