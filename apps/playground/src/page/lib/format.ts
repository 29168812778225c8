import type { VideoStatus, VideoWarning } from '@reelay/core';
import { tierSpan } from './tiers';
import type { ModelCard, VideoMode } from './wire-types';

/**
 * An amount as people read money: `"0.80"` → `"$0.80"`, `"1.008"` → `"$1.01"` (to the cent, halves away from
 * zero). The gateway's exact decimals stay in its JSON; only what is shown is rounded.
 */
export function formatUsd(usd: string): string {
  const negative = usd.startsWith('-');
  const cents = Math.round(Math.round(Math.abs(Number(usd)) * 1_000_000) / 10_000);
  const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return negative && cents > 0 ? `-$${text}` : `$${text}`;
}

/** A unit price, exact: sub-cent rates such as `$0.112/s` are real prices, and rounding them would mislead. */
function exactUsd(usd: string): string {
  return usd.startsWith('-') ? `-$${usd.slice(1)}` : `$${usd}`;
}

/** Integer micro-USD as an exact decimal with at least two fraction digits: 100_000 → `"0.10"`, 112_000 → `"0.112"`. */
export function microsToUsd(micros: number): string {
  const negative = micros < 0;
  const whole = Math.floor(Math.abs(micros) / 1_000_000);
  const fraction = String(Math.abs(micros) % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** `100_000, 'per_second'` → `"$0.10/s"`; per-video prices read `"$0.28/video"`. */
export function formatRate(perUnitMicros: number, unit: string): string {
  return `${exactUsd(microsToUsd(perUnitMicros))}/${unit === 'per_video' ? 'video' : 's'}`;
}

export function formatSeconds(seconds: number | string): string {
  return `${seconds} s`;
}

/** `"1280x720"` → `"1280×720"`. */
export function formatSize(size: string): string {
  return size.replace('x', '×');
}

const STATUS_LABELS: Record<VideoStatus, string> = {
  queued: 'Queued',
  in_progress: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
};

export function formatStatus(status: VideoStatus): string {
  return STATUS_LABELS[status];
}

/** "Queued", "In progress: 40 %", "Completed", "Failed: <why>": the live region's text. */
export function progressText(status: VideoStatus, progress: number, error?: string | null): string {
  if (status === 'in_progress') return `In progress: ${Math.round(progress)} %`;
  if (status === 'failed') return error ? `Failed: ${error}` : 'Failed';
  return formatStatus(status);
}

export function modeLabel(mode: VideoMode): string {
  return mode === 'text-to-video' ? 'Text to video' : 'Image to video';
}

/** `"just now"`, `"5 min ago"`, `"3 h ago"`, else the date. `now` is milliseconds. */
export function formatRelativeTime(unixSeconds: number, now: number): string {
  const elapsed = Math.max(0, Math.floor(now / 1000) - unixSeconds);
  if (elapsed < 45) return 'just now';
  if (elapsed < 3600) return `${Math.round(elapsed / 60)} min ago`;
  if (elapsed < 86_400) return `${Math.round(elapsed / 3600)} h ago`;
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

/** A normalization value for a table cell: `null` is a dash, strings stay bare, the rest is compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 60)}…` : value;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

export function warningText(warning: VideoWarning): string {
  if (warning.type === 'deprecated' || warning.type === 'other') return warning.message;
  const details = warning.details ? `: ${warning.details}` : '';
  if (warning.type === 'unsupported') return `${warning.feature} is not supported${details}`;
  return `${warning.feature}${details}`;
}

/** The badge text and a sentence for a model's lifecycle. */
export function lifecycleText(card: ModelCard): { badge: string; sentence: string | undefined } {
  const { status, deprecated_at, retired_at, successors } = card.lifecycle;
  if (status === 'active') return { badge: 'active', sentence: undefined };
  const next = successors.length > 0 ? ` Consider ${successors.join(' or ')}.` : '';
  if (status === 'retired') {
    return {
      badge: 'retired',
      sentence: `Retired${retired_at ? ` on ${retired_at}` : ''}; still routed while providers serve it.${next}`,
    };
  }
  const since = deprecated_at ? ` since ${deprecated_at}` : '';
  const until = retired_at ? `, retires ${retired_at}` : '';
  return { badge: 'deprecated', sentence: `Deprecated${since}${until}.${next}` };
}

/** Short capability chips for a model card: modes, longest clip, resolutions, audio. */
export function capabilityChips(card: ModelCard): string[] {
  const chips: string[] = [];
  if (card.modes.includes('text-to-video')) chips.push('text→video');
  if (card.modes.includes('image-to-video')) chips.push('image→video');
  if (card.max_duration_seconds > 0) chips.push(`up to ${card.max_duration_seconds} s`);
  const tiers = new Set<string>();
  for (const provider of card.providers) {
    const size = provider.capabilities.size;
    if (size.kind === 'grid') for (const tier of size.tiers) tiers.add(tier);
    if (size.kind === 'list') for (const option of size.options) tiers.add(option.tier);
  }
  const span = tierSpan([...tiers]);
  if (span !== '') chips.push(span);
  if (card.providers.some((provider) => provider.capabilities.audio)) chips.push('audio');
  return chips;
}
