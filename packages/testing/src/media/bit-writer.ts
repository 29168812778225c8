/** MSB-first bit writer for H.264 RBSP syntax: u(n), ue(v), se(v) and byte-aligned raw bytes. */
export class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private current = 0;
  private pendingBits = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  get isByteAligned(): boolean {
    return this.pendingBits === 0;
  }

  /** Writes the low `bits` bits of `value` (0 ≤ bits ≤ 32), most significant first. */
  u(bits: number, value: number): void {
    let remaining = bits;
    while (remaining > 0) {
      const take = Math.min(8 - this.pendingBits, remaining);
      const chunk = (value >>> (remaining - take)) & ((1 << take) - 1);
      this.current = (this.current << take) | chunk;
      this.pendingBits += take;
      remaining -= take;
      if (this.pendingBits === 8) this.flushByte();
    }
  }

  /** Unsigned Exp-Golomb. */
  ue(value: number): void {
    const codeNum = value + 1;
    const significantBits = 32 - Math.clz32(codeNum);
    this.u(significantBits - 1, 0);
    this.u(significantBits, codeNum);
  }

  /** Signed Exp-Golomb: 1 → 1, -1 → 2, 2 → 3, … */
  se(value: number): void {
    this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** Pads with zero bits up to the next byte boundary (pcm_alignment_zero_bit, cabac alignment, …). */
  alignWithZeros(): void {
    if (this.pendingBits > 0) this.u(8 - this.pendingBits, 0);
  }

  /** Appends raw bytes; only valid on a byte boundary, which is what keeps I_PCM samples a plain copy. */
  bytes(data: Uint8Array): void {
    if (this.pendingBits !== 0) throw new Error('BitWriter.bytes() needs a byte-aligned position');
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** rbsp_trailing_bits(): a stop bit equal to 1, then zero bits to the byte boundary. */
  trailingBits(): void {
    this.u(1, 1);
    this.alignWithZeros();
  }

  /** The bytes written so far; the writer must be byte aligned. */
  finish(): Uint8Array {
    if (this.pendingBits !== 0)
      throw new Error('BitWriter.finish() called mid-byte; write trailing bits first');
    return this.buffer.slice(0, this.length);
  }

  private flushByte(): void {
    this.reserve(1);
    this.buffer[this.length++] = this.current;
    this.current = 0;
    this.pendingBits = 0;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/**
 * Inserts emulation_prevention_three_byte so that no 0x000000–0x000003 sequence appears in the payload;
 * without it a decoder scanning for start codes would cut the NAL unit short.
 */
export function rbspToNalPayload(rbsp: Uint8Array): Uint8Array {
  let insertions = 0;
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      insertions++;
      zeros = 0;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  if (insertions === 0) return rbsp;

  const out = new Uint8Array(rbsp.length + insertions);
  let at = 0;
  zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out[at++] = 3;
      zeros = 0;
    }
    out[at++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out;
}
