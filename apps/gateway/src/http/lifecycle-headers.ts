/** The parts of a model's lifecycle the headers need (a model card's `lifecycle` and the dry run's `deprecation` fit). */
export type LifecycleDates = {
  status: 'active' | 'deprecated' | 'retired';
  deprecated_at?: string | null | undefined;
  retired_at?: string | null | undefined;
  successors: readonly string[];
};

/**
 * Headers telling a client its model is on the way out: `Deprecation` (RFC 9745, `@<epoch seconds>`),
 * `Sunset` (RFC 8594, an HTTP date) when the retirement date is known, and a `Link` to each successor.
 * Empty for an active model.
 */
export function lifecycleHeaders(lifecycle: LifecycleDates | undefined): Record<string, string> {
  if (lifecycle === undefined || lifecycle.status === 'active') return {};
  const headers: Record<string, string> = {};
  const deprecated = epochSeconds(lifecycle.deprecated_at) ?? epochSeconds(lifecycle.retired_at);
  headers['deprecation'] = deprecated === undefined ? 'true' : `@${deprecated}`;
  const retired = epochSeconds(lifecycle.retired_at);
  if (retired !== undefined) headers['sunset'] = new Date(retired * 1000).toUTCString();
  if (lifecycle.successors.length > 0) {
    headers['link'] = lifecycle.successors
      .map((successor) => `</v1/models/${encodeURIComponent(successor)}>; rel="successor-version"`)
      .join(', ');
  }
  return headers;
}

function epochSeconds(date: string | null | undefined): number | undefined {
  if (date === undefined || date === null) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
