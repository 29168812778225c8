import type { DryRunResult, DryRunRoute, Money, VideoObject } from '@reelay/core';

/** The route a real create would try first. */
export function chosenRoute(dryRun: DryRunResult): DryRunRoute | undefined {
  return dryRun.route.find((route) => route.offering === dryRun.chosen) ?? dryRun.route[0];
}

/** The ids of an `n > 1` request's videos. */
export function childIds(video: VideoObject): string[] {
  return (video.metadata.children ?? []).map((child) => child.id);
}

export function usdOf(money: Money | null | undefined): number | undefined {
  return money ? money.micros / 1_000_000 : undefined;
}

export function formatMoney(money: Money | null | undefined): string {
  const usd = usdOf(money);
  return usd === undefined ? 'unpriced' : `$${usd.toFixed(2)}`;
}
