import type { VideoOffering } from '@reelay/core';
import { veoOffering } from '@reelay/provider-google';

/** The catalog models Vertex AI serves. */
export type GoogleVertexModelId = 'veo-3.1' | 'veo-3.1-fast' | 'veo-3.1-lite';

/**
 * Veo 3.1 on Vertex AI (the GA `-001` models; Lite is a preview). Vertex has `generateAudio` and `seed`, which the
 * Gemini API lacks. Veo 2 and 3.0 were shut down on 2026-06-30 and are retired in the catalog.
 */
export const vertexOfferings: readonly VideoOffering[] = [
  veoOffering({
    model: 'veo-3.1',
    upstream: 'veo-3.1-generate-001',
    tiers: ['720p', '1080p', '2160p'],
    audioField: 'generateAudio',
    seed: true,
  }),
  veoOffering({
    model: 'veo-3.1-fast',
    upstream: 'veo-3.1-fast-generate-001',
    tiers: ['720p', '1080p', '2160p'],
    audioField: 'generateAudio',
    seed: true,
  }),
  veoOffering({
    model: 'veo-3.1-lite',
    upstream: 'veo-3.1-lite-generate-001',
    tiers: ['720p', '1080p'],
    audioField: 'generateAudio',
    seed: true,
  }),
];
