export { type Mp4AudioInfo, type Mp4Info, readMp4Info } from './read-mp4-info';
export { type RenderMp4Options, renderMp4 } from './render-mp4';
export { type RenderPngOptions, renderPng } from './render-png';
