/** The parts of the gateway's answers the CLI reads. Lenient: unknown fields are ignored. */
export type Money = { usd?: string; micros?: number } | null | undefined;

export type Video = {
  id: string;
  status: 'queued' | 'in_progress' | 'completed' | 'failed';
  progress?: number;
  model: string;
  size?: string;
  seconds?: string;
  error?: { code?: string; message?: string } | null;
  metadata?: {
    provider?: string;
    offering?: string;
    provider_model?: string;
    cost_estimate?: Money;
    cost?: Money;
    warnings?: unknown[];
    children?: Array<string | { id: string }>;
    sandbox?: boolean;
  };
};

export type DryRunRoute = {
  provider: string;
  offering: string;
  quote: Money;
  quote_problem?: string | null;
  normalization?: Array<{ param: string; requested: unknown; sent: unknown; action: string; note?: string }>;
  warnings?: unknown[];
  reason?: string;
};

export type DryRun = {
  model: string;
  /** The offering id a real create would try first. */
  chosen: string | null;
  route: DryRunRoute[];
  skipped: Array<{ provider: string; offering: string; reason: string }>;
  /** The chosen route's quote × n. */
  cost_estimate: Money;
  sandbox?: boolean;
  /** Request-wide warnings (a retired model, parameters no candidate declares). */
  warnings?: unknown[];
};

export function chosenRoute(dryRun: DryRun): DryRunRoute | undefined {
  return dryRun.route.find((route) => route.offering === dryRun.chosen) ?? dryRun.route[0];
}

export function childIds(video: Video): string[] {
  return (video.metadata?.children ?? []).map((child) => (typeof child === 'string' ? child : child.id));
}

export function usdOf(money: Money): number | undefined {
  if (!money) return undefined;
  if (typeof money.micros === 'number') return money.micros / 1_000_000;
  return money.usd === undefined ? undefined : Number(money.usd.replace(/^\$/, ''));
}

export function formatMoney(money: Money): string {
  const usd = usdOf(money);
  return usd === undefined ? 'unpriced' : `$${usd.toFixed(2)}`;
}
