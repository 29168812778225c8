import { InvalidRequestError } from '@reelay/core';

/** Decodes a `data:` URI. Refuses before decoding when the payload would exceed `maxBytes`. */
export function decodeDataUri(
  uri: string,
  maxBytes: number,
  param = 'input_reference',
): { bytes: Uint8Array; mediaType: string } {
  const comma = uri.indexOf(',');
  const header = comma > 5 ? uri.slice(5, comma) : undefined;
  if (!uri.startsWith('data:') || header === undefined) {
    throw new InvalidRequestError({
      param,
      code: 'invalid_image',
      message: `${param} is not a valid data URI. Use 'data:<media type>;base64,<data>'.`,
    });
  }
  const parts = header.split(';');
  const mediaType = parts[0] || 'text/plain';
  const payload = uri.slice(comma + 1);
  const isBase64 = parts.includes('base64');
  const estimated = isBase64 ? Math.floor((payload.length * 3) / 4) : payload.length;
  if (estimated > maxBytes) throw fileTooLarge(maxBytes, param);
  const bytes = isBase64
    ? new Uint8Array(Buffer.from(payload, 'base64'))
    : new Uint8Array(Buffer.from(decodeURIComponent(payload), 'latin1'));
  return { bytes, mediaType };
}

export function encodeDataUri(bytes: Uint8Array, mediaType: string): string {
  return `data:${mediaType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

export function fileTooLarge(maxBytes: number, param = 'input_reference'): InvalidRequestError {
  return new InvalidRequestError({
    param,
    code: 'image_too_large',
    status: 413,
    message: `${param} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB. Send a smaller file.`,
  });
}
