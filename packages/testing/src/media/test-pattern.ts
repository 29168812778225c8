import { rgbToYuv, type Yuv } from './colour';
import type { MacroblockSource } from './h264-encoder';
import { type SeedPalette, seedPalette } from './seed-palette';

export type TestPatternOptions = {
  width: number;
  height: number;
  fps: number;
  frameCount: number;
  seed?: string;
};

type Rect = { x0: number; y0: number; x1: number; y1: number };

const BAR_TOP = 4;
const BAR_BOTTOM = 12;

/**
 * Seed-coloured background, a box bouncing left and right (its colour drifts once per second) and a
 * progress bar along the bottom that fills up over the clip.
 *
 * The box sits on the macroblock grid vertically and moves by a power-of-two step of at most 16 pixels
 * (a whole macroblock unless that is too fast), so each frame only the macroblock columns under its leading
 * and trailing edges change.
 */
export class TestPattern implements MacroblockSource {
  readonly background: Yuv;
  private readonly widthInMbs: number;
  private readonly boxSize: number;
  private readonly boxY: number;
  private readonly boxStep: number;
  private readonly boxMaxX: number;
  private readonly boxColours = new Map<number, Yuv>();
  private readonly barMbRow: number;
  private readonly barY: Uint8Array;
  private readonly barCb: Uint8Array;
  private readonly barCr: Uint8Array;
  private readonly palette: SeedPalette;

  constructor(private readonly options: TestPatternOptions) {
    const { width, height, fps } = options;
    this.palette = seedPalette(options.seed);
    this.background = rgbToYuv(this.palette.background);
    this.widthInMbs = Math.ceil(width / 16);

    const shortSide = Math.min(width, height);
    this.boxSize = Math.min(
      Math.max(16, Math.floor(shortSide / 6 / 16) * 16),
      Math.floor(shortSide / 16) * 16,
    );
    this.boxY = Math.floor((height - this.boxSize) / 32) * 16;
    const travel = width - this.boxSize;
    // Whole-macroblock steps keep every box macroblock flat, so moving it costs a few bits per macroblock
    // instead of raw samples; smaller steps only where 16 pixels a frame would cross in under a second.
    this.boxStep = travel >= 16 * fps ? 16 : ([8, 4].find((step) => step <= travel / (2.5 * fps)) ?? 2);
    this.boxMaxX = Math.floor(travel / this.boxStep) * this.boxStep;

    this.barMbRow = Math.floor(height / 16) - 1;
    this.barY = new Uint8Array(width);
    this.barCb = new Uint8Array(width);
    this.barCr = new Uint8Array(width);
    for (let x = 0; x < width; x++) {
      const { y, cb, cr } = rgbToYuv(this.palette.bar(x / width));
      this.barY[x] = y;
      this.barCb[x] = cb;
      this.barCr[x] = cr;
    }
  }

  *candidates(frame: number): Iterable<number> {
    const box = this.boxRect(frame);
    if (frame === 0 || this.boxColourIndex(frame) !== this.boxColourIndex(frame - 1)) {
      yield* this.macroblocksOf(box);
      if (frame > 0) yield* this.macroblocksOf(this.boxRect(frame - 1));
    } else {
      // Same colour: only the strips swept by the leading and trailing edges change.
      const before = this.boxRect(frame - 1);
      for (const [a, b] of [
        [before.x0, box.x0],
        [before.x1, box.x1],
      ] as const) {
        yield* this.macroblocksOf({ x0: Math.min(a, b), y0: box.y0, x1: Math.max(a, b), y1: box.y1 });
      }
    }
    const from = frame === 0 ? 0 : this.barFill(frame - 1);
    const to = this.barFill(frame);
    if (to > from) {
      const y0 = this.barMbRow * 16;
      yield* this.macroblocksOf({ x0: from, y0, x1: to, y1: y0 + 16 });
    }
  }

  paint(frame: number, mbX: number, mbY: number, out: Uint8Array): void {
    const { y, cb, cr } = this.background;
    out.fill(y, 0, 256).fill(cb, 256, 320).fill(cr, 320, 384);
    const left = mbX * 16;
    const top = mbY * 16;

    if (mbY === this.barMbRow) {
      const end = Math.min(left + 16, this.barFill(frame));
      for (let row = BAR_TOP; row < BAR_BOTTOM; row++) {
        for (let x = left; x < end; x++) out[row * 16 + x - left] = this.barY[x]!;
      }
      for (let row = BAR_TOP / 2; row < BAR_BOTTOM / 2; row++) {
        for (let x = left; x < end; x += 2) {
          out[256 + row * 8 + (x - left) / 2] = this.barCb[x]!;
          out[320 + row * 8 + (x - left) / 2] = this.barCr[x]!;
        }
      }
    }

    const box = this.boxRect(frame);
    const x0 = Math.max(box.x0, left) - left;
    const x1 = Math.min(box.x1, left + 16) - left;
    const y0 = Math.max(box.y0, top) - top;
    const y1 = Math.min(box.y1, top + 16) - top;
    if (x0 >= x1 || y0 >= y1) return;
    const colour = this.boxColour(frame);
    for (let row = y0; row < y1; row++) out.fill(colour.y, row * 16 + x0, row * 16 + x1);
    // A chroma sample belongs to the box when its top-left luma sample does.
    const cx0 = Math.ceil(x0 / 2);
    const cx1 = Math.ceil(x1 / 2);
    for (let row = Math.ceil(y0 / 2); row < Math.ceil(y1 / 2); row++) {
      out.fill(colour.cb, 256 + row * 8 + cx0, 256 + row * 8 + cx1);
      out.fill(colour.cr, 320 + row * 8 + cx0, 320 + row * 8 + cx1);
    }
  }

  private boxRect(frame: number): Rect {
    let x = 0;
    if (this.boxMaxX > 0) {
      const period = 2 * this.boxMaxX;
      const position = (frame * this.boxStep) % period;
      x = position <= this.boxMaxX ? position : period - position;
    }
    return { x0: x, y0: this.boxY, x1: x + this.boxSize, y1: this.boxY + this.boxSize };
  }

  private boxColourIndex(frame: number): number {
    return Math.floor(frame / this.options.fps);
  }

  private boxColour(frame: number): Yuv {
    const second = this.boxColourIndex(frame);
    let colour = this.boxColours.get(second);
    if (!colour) {
      colour = rgbToYuv(this.palette.box(second));
      this.boxColours.set(second, colour);
    }
    return colour;
  }

  /** Pixels of the bar filled in at `frame`; full width on the last frame. */
  private barFill(frame: number): number {
    return Math.round((this.options.width * (frame + 1)) / this.options.frameCount);
  }

  private *macroblocksOf(rect: Rect): Iterable<number> {
    if (rect.x1 <= rect.x0 || rect.y1 <= rect.y0) return;
    for (let mbY = Math.floor(rect.y0 / 16); mbY * 16 < rect.y1; mbY++) {
      for (let mbX = Math.floor(rect.x0 / 16); mbX * 16 < rect.x1; mbX++) yield mbY * this.widthInMbs + mbX;
    }
  }
}
