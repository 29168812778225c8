import type { ResolutionTier, VideoOffering } from '@reelay/core';
import { loadCatalog, quote } from '@reelay/pricing';
import { createFal } from '@reelay/provider-fal';
import { createGoogle } from '@reelay/provider-google';
import { createGoogleVertex } from '@reelay/provider-google-vertex';
import { createKling } from '@reelay/provider-kling';
import { createOpenAI } from '@reelay/provider-openai';
import { createReplicate } from '@reelay/provider-replicate';
import { createRunway } from '@reelay/provider-runway';
import { createXai } from '@reelay/provider-xai';
import { describe, expect, it } from 'vitest';

const catalog = loadCatalog();
const providers = [
  createOpenAI({ apiKey: 'unused' }),
  createFal({ apiKey: 'unused' }),
  createReplicate({ apiKey: 'unused' }),
  createRunway({ apiKey: 'unused' }),
  createKling({ apiKey: 'unused' }),
  createXai({ apiKey: 'unused' }),
  createGoogleVertex({ project: 'unused' }),
  createGoogle({ apiKey: 'unused' }),
];

function tiersOf(offering: VideoOffering): ResolutionTier[] {
  const size = offering.capabilities.size;
  if (size.kind === 'list') return [...new Set(size.options.map((option) => option.tier))];
  if (size.kind === 'grid') return size.tiers;
  return [];
}

const cases = providers.flatMap((provider) =>
  provider.offerings.flatMap((offering) =>
    tiersOf(offering).flatMap((tier) =>
      [true, false].map((audio) => ({ provider: provider.id, model: offering.model, tier, audio, offering })),
    ),
  ),
);

describe('catalog coverage of the first-party plugins', () => {
  it('should have cases for every plugin', () => {
    expect(new Set(cases.map((entry) => entry.provider))).toEqual(
      new Set(['openai', 'fal', 'replicate', 'runway', 'kling', 'xai', 'google-vertex', 'google']),
    );
  });

  it.each(cases)('$provider/$model at $tier, audio $audio: quotes > 0 at the default duration', (entry) => {
    const seconds = entry.offering.capabilities.duration.default;
    const priced = quote(catalog, { ...entry, seconds });
    expect(priced.micros).toBeGreaterThan(0);
  });
});
