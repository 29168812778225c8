import type { CatalogDataInput } from '../catalog-schema';

// Every `source` starts with the provider's public page for the figure and the date it was read; where that page
// could not be read, it says so and names the public pages the figure was taken from instead, with their dates.

const runwayCredits =
  'https://docs.dev.runwayml.com/guides/pricing (could not be read on 2026-12-04); Runway bills $0.01 per credit ' +
  '(https://docs.dev.runwayml.com/guides/quickstart, read 2026-12-04), credits per second from Runway’s own ' +
  'https://github.com/runwayml/skills/blob/004d9f9/skills/rw-api-reference/SKILL.md (read 2026-12-04).';

const geminiPricing =
  'https://ai.google.dev/gemini-api/docs/pricing (could not be read on 2026-12-04); its figures as quoted by ' +
  'https://reapi.ai/ru/blog/cheapest-veo-3-1-api-2026 and https://ddsboston.com/pages/masterclass-video-routing ' +
  '(read 2026-12-04), audio always included';
const vertexPricing =
  'https://cloud.google.com/vertex-ai/generative-ai/pricing (could not be read on 2026-12-04); figures from ' +
  'https://docs.dev.xavier.icvr.xyz/models/google-vertex/veo-3.1.html and ' +
  'https://www.aifreeapi.com/es/posts/veo-3-1-api-rate-limit (read 2026-12-04)';

/** A provider's page for the figure, the date it was read, and what it says. */
const readOn = (url: string, date: string, says: string) => `${url} (read ${date}): ${says}`;

/**
 * Every price Reelay knows, in integer micro-USD (0.30 USD = 300000). Several dated entries per provider and
 * model are allowed; a quote uses the latest one on or before its date.
 */
export const catalogPrices = [
  // OpenAI
  {
    provider: 'openai',
    model: 'sora-2',
    asOf: '2026-01-21',
    source: readOn('https://platform.openai.com/docs/pricing', '2026-01-21', '$0.10/s at 720p'),
    unit: 'per_second',
    rates: { '720p': 100_000 },
  },
  {
    provider: 'openai',
    model: 'sora-2-pro',
    asOf: '2026-01-21',
    source: readOn('https://platform.openai.com/docs/pricing', '2026-01-21', '$0.30/s at 720p, $0.50/s HD'),
    unit: 'per_second',
    rates: { '720p': 300_000, '1080p': 500_000 },
  },
  {
    provider: 'openai',
    model: 'sora-2-pro',
    asOf: '2026-09-19',
    source: readOn(
      'https://platform.openai.com/docs/pricing',
      '2026-09-19',
      'standard $0.30/s at 720p, $0.50/s at 1024p, $0.70/s at 1080p',
    ),
    unit: 'per_second',
    rates: { '720p': 300_000, '1024p': 500_000, '1080p': 700_000 },
  },

  // fal
  {
    provider: 'fal',
    model: 'sora-2-pro',
    asOf: '2026-03-13',
    source: readOn(
      'https://fal.ai/models/fal-ai/sora-2/text-to-video/pro',
      '2026-03-13',
      '$0.30/s at 720p, $0.50/s at 1080p',
    ),
    unit: 'per_second',
    rates: { '720p': 300_000, '1080p': 500_000 },
  },
  {
    provider: 'fal',
    model: 'veo-3.1',
    asOf: '2026-09-24',
    source: readOn(
      'https://fal.ai/models/fal-ai/veo3.1',
      '2026-09-24',
      '$0.20/s silent, $0.40/s with audio; 4k $0.40/$0.60',
    ),
    unit: 'per_second',
    rates: {
      '720p': { silent: 200_000, audio: 400_000 },
      '1080p': { silent: 200_000, audio: 400_000 },
      '2160p': { silent: 400_000, audio: 600_000 },
    },
  },
  {
    provider: 'fal',
    model: 'kling-3',
    asOf: '2026-09-24',
    source: readOn(
      'https://fal.ai/models/fal-ai/kling-video/v3/pro/text-to-video',
      '2026-09-24',
      '$0.112/s silent, $0.168/s with audio',
    ),
    unit: 'per_second',
    rates: { '1080p': { silent: 112_000, audio: 168_000 } },
  },
  {
    provider: 'fal',
    model: 'wan-2.7',
    asOf: '2026-09-24',
    source: readOn('https://fal.ai/models/fal-ai/wan/v2.7/text-to-video', '2026-09-24', 'no price listed'),
    estimated: true,
    note: 'fal publishes no price for Wan 2.7; this uses the Replicate price of the same model (0.10 USD/s).',
    unit: 'per_second',
    rates: { '720p': 100_000, '1080p': 100_000 },
  },
  {
    provider: 'fal',
    model: 'seedance-2.0',
    asOf: '2026-09-24',
    source: readOn(
      'https://fal.ai/models/bytedance/seedance-2.0/text-to-video',
      '2026-09-24',
      'billed by tokens',
    ),
    estimated: true,
    note: 'fal bills Seedance 2.0 by tokens; the rate card approximates about 0.30 USD/s at 720p and 0.68 at 1080p.',
    unit: 'per_second',
    rates: { '720p': 300_000, '1080p': 680_000 },
  },

  // Replicate
  {
    provider: 'replicate',
    model: 'sora-2-pro',
    asOf: '2026-01-21',
    source: readOn('https://replicate.com/openai/sora-2-pro', '2026-01-21', 'standard $0.30/s, high $0.50/s'),
    unit: 'per_second',
    rates: { '720p': 300_000, '1024p': 500_000 },
  },
  {
    provider: 'replicate',
    model: 'kling-3',
    asOf: '2026-09-24',
    source: readOn(
      'https://replicate.com/kwaivgi/kling-v3-video',
      '2026-09-24',
      '720p $0.168/s silent, $0.252/s with audio; 1080p $0.224/$0.336',
    ),
    unit: 'per_second',
    rates: {
      '720p': { silent: 168_000, audio: 252_000 },
      '1080p': { silent: 224_000, audio: 336_000 },
    },
  },
  {
    provider: 'replicate',
    model: 'wan-2.7',
    asOf: '2026-09-24',
    source: readOn('https://replicate.com/wan-video/wan-2.7-t2v', '2026-09-24', '$0.10/s'),
    unit: 'per_second',
    rates: { '720p': 100_000, '1080p': 100_000 },
  },
  {
    provider: 'replicate',
    model: 'seedance-2.0-fast',
    asOf: '2026-09-24',
    source: readOn(
      'https://replicate.com/bytedance/seedance-2.0-fast',
      '2026-09-24',
      '480p $0.07/s, 720p $0.15/s',
    ),
    unit: 'per_second',
    rates: { '480p': 70_000, '720p': 150_000 },
  },
  {
    provider: 'replicate',
    model: 'hailuo-2.3',
    asOf: '2026-09-24',
    source: readOn(
      'https://replicate.com/minimax/hailuo-2.3',
      '2026-09-24',
      'per clip: 768p 6 s $0.28, 10 s $0.56; 1080p 6 s $0.49',
    ),
    unit: 'per_video',
    rates: {
      '768p': { '6': 280_000, '10': 560_000 },
      '1080p': { '6': 490_000 },
    },
  },
  {
    provider: 'replicate',
    model: 'luma-ray-2',
    asOf: '2026-09-24',
    source: readOn('https://replicate.com/luma/ray-2-720p', '2026-09-24', '$0.18/s'),
    unit: 'per_second',
    rates: { '720p': 180_000 },
  },
  {
    provider: 'replicate',
    model: 'runway-gen-4.5',
    asOf: '2026-09-24',
    source: readOn('https://replicate.com/runwayml/gen-4.5', '2026-09-24', '$0.12/s'),
    unit: 'per_second',
    rates: { '720p': 120_000 },
  },

  // Runway (direct)
  {
    provider: 'runway',
    model: 'runway-gen-4.5',
    asOf: '2026-12-04',
    source: `${runwayCredits} gen4.5: 12 credits/s.`,
    unit: 'per_second',
    rates: { '720p': 120_000 },
  },
  {
    provider: 'runway',
    model: 'runway-gen-4-turbo',
    asOf: '2026-12-04',
    source: `${runwayCredits} gen4_turbo: 5 credits/s.`,
    unit: 'per_second',
    rates: { '720p': 50_000 },
  },
  {
    provider: 'runway',
    model: 'runway-aleph-2',
    // aleph2 joined Runway's API on 2026-06-02 (runwayml/sdk-node commit 4b028c0).
    asOf: '2026-06-02',
    source:
      'https://docs.dev.runwayml.com/guides/pricing (could not be read on 2026-12-05). ' +
      'Runway’s own https://github.com/runwayml/skills/blob/c5674fd/README.md (read 2026-12-05) prices its ' +
      'predecessor gen4_aleph at 15 credits/s ($0.01 per credit); https://pexo.ai/blog/what-is-runway-aleph-2-0-6791 ' +
      '(read 2026-12-05) puts Aleph 2.0 at about 150 credits per 10 s.',
    estimated: true,
    note:
      'No first-party per-second price for aleph2 could be read; 15 credits/s is the predecessor’s published rate, ' +
      'which the third-party figure for Aleph 2.0 matches. An edit is billed on the source video’s length.',
    unit: 'per_second',
    rates: { '720p': 150_000, '1080p': 150_000 },
  },
  {
    provider: 'runway',
    model: 'seedance-2.0',
    // seedance2 joined Runway's API on 2026-04-15 (runwayml/sdk-node commit ef7934e).
    asOf: '2026-04-15',
    source:
      'https://docs.dev.runwayml.com/guides/pricing (could not be read on 2026-12-05); Runway bills $0.01 per ' +
      'credit (https://docs.dev.runwayml.com/guides/quickstart, read 2026-12-04), and Runway’s own ' +
      'https://github.com/runwayml/skills/blob/c5674fd/README.md (read 2026-12-05) gives seedance2 36 credits/s.',
    unit: 'per_second',
    rates: { '720p': 360_000 },
  },
  {
    provider: 'runway',
    model: 'veo-3.1',
    asOf: '2026-12-04',
    source: `${runwayCredits} veo3.1: 20 credits/s silent, 40 with audio.`,
    unit: 'per_second',
    rates: { '720p': { silent: 200_000, audio: 400_000 }, '1080p': { silent: 200_000, audio: 400_000 } },
  },
  {
    provider: 'runway',
    model: 'veo-3.1-fast',
    asOf: '2026-12-04',
    source: `${runwayCredits} veo3.1_fast: 10 credits/s silent, 15 with audio.`,
    unit: 'per_second',
    rates: { '720p': { silent: 100_000, audio: 150_000 }, '1080p': { silent: 100_000, audio: 150_000 } },
  },

  // Kling (direct)
  {
    provider: 'kling',
    model: 'kling-3',
    asOf: '2026-12-04',
    source:
      'https://klingai.com/global/dev/pricing (could not be read on 2026-12-04); ' +
      'figures from https://www.atlascloud.ai/blog/guides/kling-ai-api-pricing (read 2026-12-04): about $0.42 ' +
      'for a 5 s 720p (std) Kling 3 clip and $0.56 at 1080p (pro)',
    estimated: true,
    note:
      'Kling bills prepaid resource-pack units (each task reports final_unit_deduction); the per-second figure ' +
      'is a third party’s conversion, and no audio surcharge is published, so audio is priced the same.',
    unit: 'per_second',
    rates: { '720p': 84_000, '1080p': 112_000 },
  },
  {
    provider: 'kling',
    model: 'kling-1.6',
    asOf: '2026-12-04',
    source:
      'https://klingai.com/global/dev/pricing (could not be read on 2026-12-05); a mirror of Kling’s ' +
      'multi-image2video reference, https://gpt.morphogen.top/en/video/keling/multi-image-to-video.html ' +
      '(read 2026-12-05), says pro costs 3.5 times std and 10 s twice 5 s.',
    estimated: true,
    note:
      'Kling bills prepaid resource-pack units (each task reports final_unit_deduction); 1 unit per 5 s in std and ' +
      '3.5 in pro, at an assumed $0.14 a unit (Kling’s unit price could not be read), is our approximation.',
    unit: 'per_second',
    rates: { '720p': 28_000, '1080p': 98_000 },
  },

  // xAI (direct)
  {
    provider: 'xai',
    model: 'grok-imagine-video',
    asOf: '2026-12-04',
    source:
      'https://docs.x.ai/developers/models/grok-imagine-video (could not be read on 2026-12-04); ' +
      'its figures as quoted by https://yingtu.ai/en/blog/grok-imagine-video-cost-credits (2026-05-09) and ' +
      'https://docs.krea.ai/api-reference/video/grok-imagine (read 2026-12-04): $0.05/s at 480p, $0.07/s at 720p, ' +
      'audio included',
    unit: 'per_second',
    rates: { '480p': 50_000, '720p': 70_000 },
  },
  {
    provider: 'xai',
    model: 'grok-imagine-video-1.5',
    asOf: '2026-12-04',
    source:
      'https://docs.x.ai/developers/models/grok-imagine-video (could not be read on 2026-12-04); figures from ' +
      'https://muapi.ai/zh/grok-imagine-video-1-5 and https://news.creeta.com (read 2026-12-04): $0.08/s at 480p, ' +
      '$0.14/s at 720p, $0.25/s at 1080p',
    unit: 'per_second',
    rates: { '480p': 80_000, '720p': 140_000, '1080p': 250_000 },
  },

  // Google Vertex AI (direct)
  {
    provider: 'google-vertex',
    model: 'veo-3.1',
    asOf: '2026-12-04',
    source: `${vertexPricing}: $0.40/s video+audio at 720p/1080p, $0.60/s at 4k`,
    estimated: true,
    note:
      'The video-only rates (generateAudio false) are half the audio rate, as Google priced them before and as ' +
      'Vercel’s gateway lists veo-3.1-generate-001 from $0.20/s; no readable official page confirms them.',
    unit: 'per_second',
    rates: {
      '720p': { silent: 200_000, audio: 400_000 },
      '1080p': { silent: 200_000, audio: 400_000 },
      '2160p': { silent: 400_000, audio: 600_000 },
    },
  },
  {
    provider: 'google-vertex',
    model: 'veo-3.1-fast',
    asOf: '2026-12-04',
    source: `${vertexPricing}: $0.10/s at 720p, $0.12/s at 1080p, $0.30/s at 4k since the April 2026 cut`,
    unit: 'per_second',
    rates: { '720p': 100_000, '1080p': 120_000, '2160p': 300_000 },
  },
  {
    provider: 'google-vertex',
    model: 'veo-3.1-lite',
    asOf: '2026-12-04',
    source: `${vertexPricing}: $0.05/s at 720p, $0.08/s at 1080p`,
    unit: 'per_second',
    rates: { '720p': 50_000, '1080p': 80_000 },
  },

  // Google Gemini API (direct; previews reported shut down on 2026-10-22)
  {
    provider: 'google',
    model: 'veo-3.1-preview',
    asOf: '2026-04-09',
    source: `${geminiPricing}: $0.40/s at 720p and 1080p, $0.60/s at 4k`,
    unit: 'per_second',
    rates: { '720p': 400_000, '1080p': 400_000, '2160p': 600_000 },
  },
  {
    provider: 'google',
    model: 'veo-3.1-fast-preview',
    asOf: '2026-04-09',
    source: `${geminiPricing}: $0.10/s at 720p, $0.12/s at 1080p, $0.30/s at 4k (reduced on 2026-04-07)`,
    unit: 'per_second',
    rates: { '720p': 100_000, '1080p': 120_000, '2160p': 300_000 },
  },
  {
    provider: 'google',
    model: 'veo-3.1-lite-preview',
    asOf: '2026-04-09',
    source: `${geminiPricing}: $0.05/s at 720p, $0.08/s at 1080p`,
    unit: 'per_second',
    rates: { '720p': 50_000, '1080p': 80_000 },
  },
] satisfies CatalogDataInput['prices'];
