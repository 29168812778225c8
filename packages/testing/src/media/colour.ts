export type Rgb = { r: number; g: number; b: number };
export type Yuv = { y: number; cb: number; cr: number };

/** Hue in degrees (any value, wrapped), saturation and lightness in 0..1. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const m = lightness - chroma / 2;
  const [r, g, b] =
    h < 1
      ? [chroma, x, 0]
      : h < 2
        ? [x, chroma, 0]
        : h < 3
          ? [0, chroma, x]
          : h < 4
            ? [0, x, chroma]
            : h < 5
              ? [x, 0, chroma]
              : [chroma, 0, x];
  const to8 = (value: number) => Math.round((value + m) * 255);
  return { r: to8(r), g: to8(g), b: to8(b) };
}

/**
 * BT.709 limited range, matching the colour description written in the SPS. Limited range also keeps every
 * sample above zero, so raw I_PCM bytes can never form a start-code prefix.
 */
export function rgbToYuv({ r, g, b }: Rgb): Yuv {
  const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return {
    y: clamp(Math.round(16 + (luma * 219) / 255), 16, 235),
    cb: clamp(Math.round(128 + ((b - luma) / 1.8556) * (224 / 255)), 16, 240),
    cr: clamp(Math.round(128 + ((r - luma) / 1.5748) * (224 / 255)), 16, 240),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
