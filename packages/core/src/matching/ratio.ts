import type { AspectRatio, Dimensions } from '../spec/capabilities';

/** `"16:9"` → 1.777…; `undefined` when the text is not `W:H` with positive numbers. */
export function parseRatio(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? width / height : undefined;
}

/** `"1280x720"` → `{ width: 1280, height: 720 }`. */
export function parseDimensions(text: string): Dimensions | undefined {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

export function ratioOf(dimensions: Dimensions): number {
  return dimensions.width / dimensions.height;
}

/** Shape distance: 7:1 is closer to 8:1 than to 4:1 because ratios multiply, they don't add. */
export function ratioDistance(a: number, b: number): number {
  return Math.abs(Math.log(a) - Math.log(b));
}

/** 1280x720 → `16:9`. */
export function reduceRatio(dimensions: Dimensions): AspectRatio {
  const divisor = gcd(dimensions.width, dimensions.height);
  return `${dimensions.width / divisor}:${dimensions.height / divisor}`;
}

export function formatDimensions(dimensions: Dimensions): string {
  return `${dimensions.width}x${dimensions.height}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
