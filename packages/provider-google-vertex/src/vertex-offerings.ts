import type { VideoOffering } from '@reelay/core';
import { type VeoExtension, veoOffering } from '@reelay/provider-google';

/** The catalog models Vertex AI serves. */
export type GoogleVertexModelId = 'veo-3.1' | 'veo-3.1-fast' | 'veo-3.1-lite';

/**
 * Vertex extends any MP4 of 1 to 30 seconds (24 fps, 16:9 or 9:16), sent inline as base64 or as a `gs://` URI
 * ("Extend videos" page); Reelay sends the bytes.
 */
const vertexExtension: VeoExtension = { accepts: ['upload', 'data-uri'], maxSeconds: 30 };

/**
 * Veo 3.1 on Vertex AI (the GA `-001` models; Lite is a preview). Vertex has `generateAudio` and `seed`, which the
 * Gemini API lacks. All three extend videos; reference images are for 3.1 and 3.1 Fast only (the reference-images
 * page), and so is the last frame here (no official page lists it for Lite). Veo 2 and 3.0 were shut down on
 * 2026-06-30 and are retired in the catalog.
 */
export const vertexOfferings: readonly VideoOffering[] = [
  veoOffering({
    model: 'veo-3.1',
    upstream: 'veo-3.1-generate-001',
    tiers: ['720p', '1080p', '2160p'],
    audioField: 'generateAudio',
    seed: true,
    lastFrame: true,
    referenceImages: true,
    extension: vertexExtension,
  }),
  veoOffering({
    model: 'veo-3.1-fast',
    upstream: 'veo-3.1-fast-generate-001',
    tiers: ['720p', '1080p', '2160p'],
    audioField: 'generateAudio',
    seed: true,
    lastFrame: true,
    referenceImages: true,
    extension: vertexExtension,
  }),
  veoOffering({
    model: 'veo-3.1-lite',
    upstream: 'veo-3.1-lite-generate-001',
    tiers: ['720p', '1080p'],
    audioField: 'generateAudio',
    seed: true,
    lastFrame: false,
    referenceImages: false,
    extension: vertexExtension,
  }),
];
