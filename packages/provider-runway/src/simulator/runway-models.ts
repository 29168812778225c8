/** What one Runway model accepts on one create route, as runwayml/sdk-node 4.12.0 types it. */
export type RunwayModelRules = {
  ratios: readonly string[];
  /** Accepted integer durations; `undefined` when the model picks its own. */
  durations: readonly number[] | undefined;
  durationRequired: boolean;
  promptRequired: boolean;
  /** Fields the model accepts besides `model`, `promptText`, `promptImage`, `ratio` and `duration`. */
  /** Frame positions allowed in the array form of `promptImage`. */
  positions: readonly string[];
};

const veoRatios = ['1280:720', '720:1280', '1080:1920', '1920:1080'];
const gen4ImageRatios = ['1280:720', '720:1280', '1104:832', '960:960', '832:1104', '1584:672'];

export const textToVideoModels: Record<string, RunwayModelRules> = {
  'gen4.5': {
    ratios: ['1280:720', '720:1280'],
    durations: [2, 3, 4, 5, 6, 7, 8, 9, 10],
    durationRequired: true,
    promptRequired: true,
    positions: [],
  },
  'veo3.1': {
    ratios: veoRatios,
    durations: [4, 6, 8],
    durationRequired: false,
    promptRequired: true,
    positions: [],
  },
  'veo3.1_fast': {
    ratios: veoRatios,
    durations: [4, 6, 8],
    durationRequired: false,
    promptRequired: true,
    positions: [],
  },
};

export const imageToVideoModels: Record<string, RunwayModelRules> = {
  'gen4.5': {
    ratios: gen4ImageRatios,
    durations: [2, 3, 4, 5, 6, 7, 8, 9, 10],
    durationRequired: true,
    promptRequired: true,
    positions: ['first'],
  },
  gen4_turbo: {
    ratios: gen4ImageRatios,
    durations: [5, 10],
    durationRequired: false,
    promptRequired: false,
    positions: ['first'],
  },
  'veo3.1': {
    ratios: veoRatios,
    durations: [4, 6, 8],
    durationRequired: false,
    promptRequired: false,
    positions: ['first', 'last'],
  },
  'veo3.1_fast': {
    ratios: veoRatios,
    durations: [4, 6, 8],
    durationRequired: false,
    promptRequired: false,
    positions: ['first', 'last'],
  },
};

/** `/v1/video_to_video` models the simulator serves, and the source video lengths each takes. */
export const videoToVideoModels: Record<string, { minSeconds: number; maxSeconds: number }> = {
  aleph2: { minSeconds: 2, maxSeconds: 30 },
};

/** Models Runway removed from its API (SDK commit 72f96f2, 2026-06-10). */
export const retiredModels = new Set(['gen3a_turbo', 'gen4_aleph']);
