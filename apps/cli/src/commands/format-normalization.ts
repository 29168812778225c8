import type { DryRunRoute } from '@reelay/core';

type Entry = NonNullable<DryRunRoute['normalization']>[number];

/** What reaches the provider, e.g. `aspect_ratio=16:9 resolution=720p`; `—` when the parameter is dropped. */
export function formatSent(sent: unknown, param?: string): string {
  if (sent === null || sent === undefined) return '—';
  if (typeof sent !== 'object' || Array.isArray(sent)) return JSON.stringify(sent);
  const fields = Object.entries(sent);
  const only = fields.length === 1 ? fields[0] : undefined;
  if (only && only[0] === param) return typeof only[1] === 'string' ? only[1] : JSON.stringify(only[1]);
  return fields
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

/** What the user asked; a parameter left out reads as "(not given)" rather than `null`. */
export function formatRequested(requested: unknown): string {
  return requested === null || requested === undefined ? '(not given)' : JSON.stringify(requested);
}

/** The entries a person should notice: values the gateway chose or changed, not ones sent as asked. */
export function changedEntries(entries: readonly Entry[] | undefined): Entry[] {
  return (entries ?? []).filter((entry) => ['snapped', 'dropped', 'defaulted'].includes(entry.action));
}

/** One short note per changed entry, for the `reelay price` table. */
export function describeChange(entry: Entry): string {
  if (entry.action === 'defaulted')
    return `${entry.param} defaulted to ${formatSent(entry.sent, entry.param)}`;
  if (entry.action === 'dropped') return `${entry.param} dropped`;
  return `${entry.param} ${formatRequested(entry.requested)} snapped to ${formatSent(entry.sent, entry.param)}`;
}
