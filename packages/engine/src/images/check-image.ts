import { InvalidRequestError } from '@reelay/core';
import { fileTooLarge } from './data-uri';
import { type ImageInfo, readImageInfo } from './image-info';

export type ImageLimits = {
  /** Largest accepted image in bytes. */
  maxBytes: number;
  /** Smallest accepted side in pixels. */
  minSide: number;
  /** Largest accepted side in pixels. */
  maxSide: number;
};

export const defaultImageLimits: ImageLimits = { maxBytes: 20 * 1024 * 1024, minSide: 16, maxSide: 8192 };

/** Checks the bytes are a PNG, JPEG or WebP of sensible size and dimensions; returns what they really are. */
export function checkImage(bytes: Uint8Array, limits: ImageLimits, param = 'input_reference'): ImageInfo {
  if (bytes.byteLength > limits.maxBytes) throw fileTooLarge(limits.maxBytes, param);
  const info = readImageInfo(bytes);
  if (!info) {
    throw new InvalidRequestError({
      param,
      code: 'invalid_image',
      message: `${param} is not a PNG, JPEG or WebP image (checked from its bytes). Convert it and retry.`,
    });
  }
  const { width, height } = info;
  if (
    width < limits.minSide ||
    height < limits.minSide ||
    width > limits.maxSide ||
    height > limits.maxSide
  ) {
    throw new InvalidRequestError({
      param,
      code: 'invalid_image_dimensions',
      message:
        `${param} is ${width}x${height}; each side must be between ${limits.minSide} and ` +
        `${limits.maxSide} pixels.`,
    });
  }
  return info;
}
