import { describe, expect, it } from 'vitest';
import { summarizeDryRun } from './dry-run-summary';
import { fixtureDryRun } from './test-fixtures';

describe('summarizeDryRun', () => {
  // The fixture: sora-2-pro, 7 s at 1920x1080, routed to fal first with replicate and openai as fallbacks.
  const summary = summarizeDryRun(fixtureDryRun);

  it('leads with the price of the first route, what it buys and the rate', () => {
    expect(summary.price).toBe('$4.00');
    expect(summary.priceDetail).toBe('8 s at 1920×1080 with audio · $0.50/s');
    expect(summary.estimated).toBe(false);
  });

  it('names the chosen provider and why, then the fallbacks in order', () => {
    expect(summary.chosen).toEqual({
      provider: 'fal',
      offering: 'fal/sora-2-pro',
      upstreamModel: 'fal-ai/sora-2/text-to-video/pro',
      price: '$4.00',
      reason: 'first: cheapest healthy quote or provider.order',
      healthy: true,
    });
    expect(summary.fallbacks.map((step) => step.provider)).toEqual(['replicate', 'openai']);
  });

  it('marks what the provider will not get as asked', () => {
    expect(summary.normalization.map((entry) => [entry.param, entry.action, entry.changed])).toEqual([
      ['size', 'converted', false],
      ['seconds', 'snapped', true],
    ]);
  });

  it('lists each warning once', () => {
    expect(summary.warnings).toEqual([
      'sora-2-pro was retired on 2026-09-24. Consider veo-3.1 or kling-3 instead. It is still routed because providers may serve it longer than the catalog says.',
      'seconds: 7 s is not offered; sending 8 s',
    ]);
  });

  it('copes with a route that has no price', () => {
    const unpriced = summarizeDryRun({
      ...fixtureDryRun,
      cost_estimate: null,
      route: fixtureDryRun.route.map((route) => ({
        ...route,
        quote: null,
        quote_problem: 'no price for 1024p',
      })),
    });
    expect(unpriced.price).toBeUndefined();
    expect(unpriced.priceDetail).toBe('8 s at 1920×1080 with audio');
    expect(unpriced.warnings).toContain('No price: no price for 1024p');
  });

  it('multiplies for n videos', () => {
    expect(summarizeDryRun({ ...fixtureDryRun, n: 3 }).priceDetail).toContain('× 3 videos');
  });
});
