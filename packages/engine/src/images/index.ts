export { checkImage, defaultImageLimits, type ImageLimits } from './check-image';
export { decodeDataUri, encodeDataUri } from './data-uri';
export { fetchMedia, type MediaKind, parseMediaUrl } from './fetch-media';
export { type ImageInfo, type ImageMediaType, readImageInfo } from './image-info';
export { extensionOf, type ImageLoaderOptions, type LoadedImage, loadInputImage } from './load-input-image';
export { canTakeMedia, type MediaSource, mediaForProvider } from './media-for-provider';
