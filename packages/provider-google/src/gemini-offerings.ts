import type { VideoOffering } from '@reelay/core';
import { type VeoExtension, veoOffering } from './veo-offerings';

/** The catalog models the Gemini API served. */
export type GoogleModelId = 'veo-3.1-preview' | 'veo-3.1-fast-preview' | 'veo-3.1-lite-preview';

/**
 * The Gemini API extends only videos Veo made on it (a generated sample's `video.uri`, kept two days), up to
 * 141 s long (Gemini video guide). Reelay passes that URI as a URL; nothing else can be sent.
 */
const geminiExtension: VeoExtension = { accepts: ['url'], maxSeconds: 141 };

/**
 * Veo 3.1 previews on the Gemini API. They are separate catalog models from Vertex's GA `veo-3.1`, because
 * third-party notices report them shut down on 2026-10-22 (see README): the catalog marks them retired with
 * the Vertex models as successors, so routing `veo-3.1` never lands on a shut-down endpoint. No `seed`, and
 * audio is always on (the Gemini API has no `generateAudio`). Lite makes text and image to video only.
 */
export const geminiOfferings: readonly VideoOffering[] = [
  veoOffering({
    model: 'veo-3.1-preview',
    upstream: 'veo-3.1-generate-preview',
    tiers: ['720p', '1080p', '2160p'],
    audioField: undefined,
    seed: false,
    lastFrame: true,
    referenceImages: true,
    extension: geminiExtension,
  }),
  veoOffering({
    model: 'veo-3.1-fast-preview',
    upstream: 'veo-3.1-fast-generate-preview',
    tiers: ['720p', '1080p', '2160p'],
    audioField: undefined,
    seed: false,
    lastFrame: true,
    referenceImages: true,
    extension: geminiExtension,
  }),
  veoOffering({
    model: 'veo-3.1-lite-preview',
    upstream: 'veo-3.1-lite-generate-preview',
    tiers: ['720p', '1080p'],
    audioField: undefined,
    seed: false,
    lastFrame: false,
    referenceImages: false,
    extension: undefined,
  }),
];
