import { hslToRgb, type Rgb } from './colour';

export type SeedPalette = {
  background: Rgb;
  /** Colour of the moving box during second `index` of the clip; it drifts so the box visibly changes. */
  box(index: number): Rgb;
  /** Colour of the progress bar (or thumbnail gradient) at horizontal position `fraction` in 0..1. */
  bar(fraction: number): Rgb;
};

const DEFAULT_SEED = 'reelay';

/** Different seeds (job ids, prompts) give visibly different clips and thumbnails. */
export function seedPalette(seed: string = DEFAULT_SEED): SeedPalette {
  const hue = hashSeed(seed) % 360;
  return {
    background: hslToRgb(hue, 0.45, 0.25),
    box: (index) => hslToRgb(hue + 180 + index * 25, 0.75, 0.6),
    bar: (fraction) => hslToRgb(hue + 60 + fraction * 120, 0.8, 0.55),
  };
}

/** FNV-1a over UTF-16 code units: stable across runs and platforms. */
export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
