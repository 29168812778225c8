export { checkImage, defaultImageLimits, type ImageLimits } from './check-image';
export { decodeDataUri, encodeDataUri } from './data-uri';
export { canTakeImage, type ImageSource, imageForProvider } from './image-for-provider';
export { type ImageInfo, type ImageMediaType, readImageInfo } from './image-info';
export { extensionOf, type ImageLoaderOptions, type LoadedImage, loadInputImage } from './load-input-image';
