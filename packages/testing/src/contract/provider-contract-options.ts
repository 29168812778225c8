import type { VideoProvider } from '@reelay/core';
import type { VideoSimulator } from '../simulators/shared';

export type ProviderContractOptions = {
  /** Shown in test names. */
  name: string;
  startSimulator: () => Promise<VideoSimulator>;
  /** Builds the plugin pointed at the simulator. */
  createProvider: (settings: { baseURL: string; apiKey: string }) => VideoProvider;
  /** The offering used for lifecycle scenarios; default: the provider's first. */
  model?: string;
  /** Output variants to download in the lifecycle scenario; default: `['video']`. */
  variants?: Array<'video' | 'thumbnail' | 'spritesheet'>;
};
