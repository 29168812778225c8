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

/** An amount to the cent, as people read money (`$1.01` for 1_008_000 micro-USD); exact amounts stay in --json. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return 'unpriced';
  // From integer micro-USD, so a half cent rounds up (`toFixed` on 1.005 gives "1.00").
  const cents = Math.round(Math.abs(money.micros) / 10_000);
  const text = `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return money.micros < 0 && cents > 0 ? `-${text}` : text;
}
