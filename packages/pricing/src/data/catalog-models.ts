import type { CatalogDataInput } from '../catalog-schema';

const soraShutdown = {
  status: 'retired',
  deprecatedAt: '2026-03-24',
  retiredAt: '2026-09-24',
  successors: ['veo-3.1', 'kling-3'],
  note:
    'OpenAI deprecated the Videos API and every Sora 2 model on 2026-03-24 and shut them down on 2026-09-24, ' +
    'naming no replacement (https://developers.openai.com/de-DE/api/docs/models/sora-2, read 2026-11-24); fal and ' +
    'Replicate lost their Sora backend with it.',
} as const;

/**
 * The model cards: what each model is, independent of who serves it. `tags` say what the offerings cannot
 * (audio, 4k, fast); the modes (text-to-video, image-to-video) come from the offerings, so they never disagree.
 */
export const catalogModels = [
  {
    id: 'sora-2',
    name: 'Sora 2',
    creator: 'openai',
    family: 'sora',
    tags: ['audio'],
    lifecycle: { ...soraShutdown, successors: [...soraShutdown.successors] },
  },
  {
    id: 'sora-2-pro',
    name: 'Sora 2 Pro',
    creator: 'openai',
    family: 'sora',
    tags: ['audio'],
    lifecycle: { ...soraShutdown, successors: [...soraShutdown.successors] },
  },
  {
    id: 'veo-3.1',
    name: 'Veo 3.1',
    creator: 'google',
    family: 'veo',
    tags: ['audio', '4k'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'kling-3',
    name: 'Kling 3',
    creator: 'kuaishou',
    family: 'kling',
    tags: ['audio'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'kling-1.6',
    name: 'Kling 1.6',
    creator: 'kuaishou',
    family: 'kling',
    tags: ['reference-images'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'wan-2.7',
    name: 'Wan 2.7',
    creator: 'alibaba',
    family: 'wan',
    tags: [],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'seedance-2.0',
    name: 'Seedance 2.0',
    creator: 'bytedance',
    family: 'seedance',
    tags: ['audio'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'seedance-2.0-fast',
    name: 'Seedance 2.0 Fast',
    creator: 'bytedance',
    family: 'seedance',
    tags: ['fast'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'hailuo-2.3',
    name: 'Hailuo 2.3',
    creator: 'minimax',
    family: 'hailuo',
    tags: [],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'luma-ray-2',
    name: 'Luma Ray 2',
    creator: 'luma',
    family: 'ray',
    tags: [],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'runway-gen-4.5',
    name: 'Runway Gen-4.5',
    creator: 'runway',
    family: 'gen',
    tags: [],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'runway-gen-4-turbo',
    name: 'Runway Gen-4 Turbo',
    creator: 'runway',
    family: 'gen',
    tags: ['fast'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'runway-aleph-2',
    name: 'Runway Aleph 2',
    creator: 'runway',
    family: 'aleph',
    tags: [],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'runway-gen-4-aleph',
    name: 'Runway Gen-4 Aleph',
    creator: 'runway',
    family: 'aleph',
    tags: [],
    lifecycle: {
      status: 'retired',
      retiredAt: '2026-06-10',
      successors: ['runway-aleph-2'],
      note:
        'Runway removed gen4_aleph from its API spec on 2026-06-10 (runwayml/sdk-node commit 72f96f2), a week ' +
        'after adding aleph2 (commit 4b028c0, 2026-06-02); a third party (pexo.ai) dates the app’s sunset 2026-07-30.',
    },
  },
  {
    id: 'runway-gen-3-alpha-turbo',
    name: 'Runway Gen-3 Alpha Turbo',
    creator: 'runway',
    family: 'gen',
    tags: [],
    lifecycle: {
      status: 'retired',
      retiredAt: '2026-06-10',
      successors: ['runway-gen-4-turbo', 'runway-gen-4.5'],
      note:
        'Runway removed gen3a_turbo from its API spec on 2026-06-10 (runwayml/sdk-node commit 72f96f2); ' +
        'Runway published no deprecation page that could be read, so the date is the SDK’s.',
    },
  },
  {
    id: 'veo-3.1-fast',
    name: 'Veo 3.1 Fast',
    creator: 'google',
    family: 'veo',
    tags: ['audio', 'fast'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'grok-imagine-video',
    name: 'Grok Imagine Video',
    creator: 'xai',
    family: 'grok-imagine',
    tags: ['audio'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'grok-imagine-video-1.5',
    name: 'Grok Imagine Video 1.5',
    creator: 'xai',
    family: 'grok-imagine',
    tags: ['audio'],
    lifecycle: { status: 'active', successors: [] },
  },
  {
    id: 'veo-3.1-lite',
    name: 'Veo 3.1 Lite',
    creator: 'google',
    family: 'veo',
    tags: ['audio', 'fast'],
    lifecycle: { status: 'active', successors: [] },
  },
  ...(
    [
      ['veo-3.1-preview', 'Veo 3.1 (Gemini API preview)', 'veo-3.1'],
      ['veo-3.1-fast-preview', 'Veo 3.1 Fast (Gemini API preview)', 'veo-3.1-fast'],
      ['veo-3.1-lite-preview', 'Veo 3.1 Lite (Gemini API preview)', 'veo-3.1-lite'],
    ] as const
  ).map(([id, name, successor]) => ({
    id,
    name,
    creator: 'google',
    family: 'veo',
    tags: ['audio'],
    lifecycle: {
      status: 'retired' as const,
      retiredAt: '2026-10-22',
      successors: [successor],
      note:
        'Third-party notices (docs.apiyi.com, apidog.com) report the Gemini API previews shut down on 2026-10-22; ' +
        'Google’s deprecations page could not be read to confirm it. Veo 3.1 stays on Vertex AI.',
    },
  })),
  {
    id: 'veo-3.0',
    name: 'Veo 3',
    creator: 'google',
    family: 'veo',
    tags: ['audio'],
    lifecycle: {
      status: 'retired',
      retiredAt: '2026-06-30',
      successors: ['veo-3.1'],
      note: 'Shut down on the Gemini API and Vertex AI on 2026-06-30 (Gemini changelog 2026-06-15; Vertex model page).',
    },
  },
  {
    id: 'veo-3.0-fast',
    name: 'Veo 3 Fast',
    creator: 'google',
    family: 'veo',
    tags: ['audio', 'fast'],
    lifecycle: {
      status: 'retired',
      retiredAt: '2026-06-30',
      successors: ['veo-3.1-fast'],
      note: 'Shut down on the Gemini API and Vertex AI on 2026-06-30 (Gemini changelog 2026-06-15; Vertex model page).',
    },
  },
  {
    id: 'veo-2',
    name: 'Veo 2',
    creator: 'google',
    family: 'veo',
    tags: [],
    lifecycle: {
      status: 'retired',
      retiredAt: '2026-06-30',
      successors: ['veo-3.1'],
      note: 'veo-2.0-generate-001 shut down on 2026-06-30 (Gemini changelog 2026-06-15; Vertex model page).',
    },
  },
] satisfies CatalogDataInput['models'];
