export {
  checkVideo,
  defaultVideoLimits,
  type LoadedVideo,
  loadInputVideo,
  type VideoLimits,
  type VideoLoaderOptions,
  videoExtensionOf,
} from './load-input-video';
export { readVideoInfo, type VideoInfo, type VideoMediaType } from './video-info';
