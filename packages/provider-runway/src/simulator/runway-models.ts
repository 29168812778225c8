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
  /** The most reference images (`references`, or `promptImage` items without a position); 0 when none. */
  references?: number;
};

const veoRatios = ['1280:720', '720:1280', '1080:1920', '1920:1080'];
const gen4ImageRatios = ['1280:720', '720:1280', '1104:832', '960:960', '832:1104', '1584:672'];
/** Seedance 2.0's ratios (sdk-node 4.12), 480p to 4K. */
const seedanceRatios = [
  ...['992:432', '864:496', '752:560', '640:640', '560:752', '496:864'],
  ...['1470:630', '1280:720', '1112:834', '960:960', '834:1112', '720:1280'],
  ...['2206:946', '1920:1080', '1664:1248', '1440:1440', '1248:1664', '1080:1920'],
  ...['3840:1646', '3840:2160', '3840:2880', '3840:3840', '2880:3840', '2160:3840'],
];
const seedance: RunwayModelRules = {
  ratios: seedanceRatios,
  durations: Array.from({ length: 12 }, (_, index) => index + 4),
  durationRequired: false,
  promptRequired: false,
  positions: ['first', 'last'],
  references: 9,
};

export const textToVideoModels: Record<string, RunwayModelRules> = {
  seedance2: seedance,
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
  seedance2: seedance,
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
