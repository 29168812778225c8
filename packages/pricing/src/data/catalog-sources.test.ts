import { videoModeSchema } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { catalogModels } from './catalog-models';
import { catalogPrices } from './catalog-prices';

const today = new Date().toISOString().slice(0, 10);
const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/[^\s,;)]+/gi;
// Names of this repository's own documents: a price must be checkable by anyone, from the provider's public page.
const repositoryDocuments =
  /upstream-contracts|providers-direct|DESIGN\.md|peers\.md|style-anchors|seed (page|snapshot)|§/i;

describe('catalog sources are public, dated pages', () => {
  it.each(catalogPrices.map((entry) => [`${entry.provider}/${entry.model} ${entry.asOf}`, entry.source]))(
    '%s starts with an https URL and says when it was read',
    (_name, source) => {
      expect(source).toMatch(/^https:\/\/\S+ \((read|could not be read on) \d{4}-\d{2}-\d{2}\)/);
      for (const url of source.match(urlPattern) ?? []) expect(url).toMatch(/^https:\/\//);
      for (const date of source.match(/\d{4}-\d{2}-\d{2}/g) ?? []) {
        expect(Number.isNaN(Date.parse(date)), date).toBe(false);
        expect(date <= today, `${date} is in the future`).toBe(true);
      }
      expect(source).not.toMatch(repositoryDocuments);
    },
  );

  it('cites no document of this repository in model notes either', () => {
    for (const model of catalogModels) {
      expect(model.lifecycle.note ?? '', model.id).not.toMatch(repositoryDocuments);
    }
  });
});

describe('catalog tags', () => {
  it('name no mode: the modes come from the offerings, so tags never contradict them', () => {
    const modes: readonly string[] = videoModeSchema.options;
    for (const model of catalogModels) {
      expect(
        model.tags.filter((tag) => modes.includes(tag)),
        model.id,
      ).toEqual([]);
    }
  });
});
