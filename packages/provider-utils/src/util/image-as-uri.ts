import type { ImageInput } from '@reelay/core';

/** An image as one URI string, for providers whose image fields take a URL or a `data:` URI. */
export function imageAsUri(image: ImageInput): string {
  switch (image.kind) {
    case 'url':
      return image.url;
    case 'data-uri':
      return image.uri;
    case 'upload':
      return `data:${image.mediaType};base64,${Buffer.from(image.data).toString('base64')}`;
  }
}
