import type { DryRunResult as DryRun, NormalizationEntry } from '@reelay/core';
import { formatRate, formatSize, formatUsd, warningText } from './format';

export type RouteStep = {
  provider: string;
  offering: string;
  upstreamModel: string;
  price: string | undefined;
  reason: string;
  healthy: boolean;
};

export type DryRunSummary = {
  /** Total before submitting, e.g. `"$0.80"`; `undefined` when the catalog has no price. */
  price: string | undefined;
  /** `"8 s at 1280×720 · $0.10/s"`. */
  priceDetail: string;
  estimated: boolean;
  chosen: RouteStep | undefined;
  fallbacks: RouteStep[];
  skipped: Array<{ provider: string; reason: string }>;
  /** Every parameter; `changed` marks the ones the provider will not receive as asked. */
  normalization: Array<NormalizationEntry & { changed: boolean }>;
  warnings: string[];
};

/** Actions that change only the spelling on the wire, not what the user gets. */
const UNCHANGED = new Set(['passthrough', 'renamed', 'converted']);

export function summarizeDryRun(dryRun: DryRun): DryRunSummary {
  const steps = dryRun.route.map(
    (route): RouteStep => ({
      provider: route.provider,
      offering: route.offering,
      upstreamModel: route.upstream_model,
      price: route.quote ? formatUsd(route.quote.usd) : undefined,
      reason: route.reason,
      healthy: route.healthy,
    }),
  );
  const first = dryRun.route[0];
  const quote = first?.quote;
  const count = dryRun.n > 1 ? ` × ${dryRun.n} videos` : '';
  const detail = first
    ? `${first.seconds} s at ${formatSize(first.size)}${first.audio ? ' with audio' : ''}${quote ? ` · ${formatRate(quote.per_unit_micros, quote.unit)}` : ''}${count}`
    : '';
  const warnings = [...new Set([...dryRun.warnings, ...(first?.warnings ?? [])].map(warningText))];
  return {
    price: dryRun.cost_estimate ? formatUsd(dryRun.cost_estimate.usd) : undefined,
    priceDetail: detail,
    estimated: quote?.estimated ?? false,
    chosen: steps[0],
    fallbacks: steps.slice(1),
    skipped: dryRun.skipped.map((entry) => ({ provider: entry.provider, reason: entry.reason })),
    normalization: (first?.normalization ?? []).map((entry) => ({
      ...entry,
      changed: !UNCHANGED.has(entry.action),
    })),
    warnings: first?.quote_problem ? [...warnings, `No price: ${first.quote_problem}`] : warnings,
  };
}
