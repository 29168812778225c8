import type { DryRunSummary } from '../lib/dry-run-summary';
import { formatValue } from '../lib/format';
import { h, replaceChildren } from './dom';

export type DryRunState =
  | { kind: 'idle'; message: string }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; summary: DryRunSummary };

/** The price line (a live region, so screen readers hear the new price) and the route details below it. */
export function renderDryRun(priceLine: HTMLElement, body: HTMLElement, state: DryRunState): void {
  priceLine.dataset['state'] = state.kind;
  if (state.kind === 'idle') {
    replaceChildren(priceLine, state.message);
    replaceChildren(body);
    return;
  }
  if (state.kind === 'loading') {
    // Keep the last answer on screen, dimmed, so the layout does not jump while typing.
    body.classList.add('stale');
    replaceChildren(priceLine, 'Checking the route and price…');
    return;
  }
  body.classList.remove('stale');
  if (state.kind === 'error') {
    replaceChildren(
      priceLine,
      h('span', { class: 'error-text' }, 'Cannot route this request: '),
      state.message,
    );
    replaceChildren(body);
    return;
  }
  const { summary } = state;
  replaceChildren(
    priceLine,
    h('span', { class: 'price-amount', 'data-testid': 'dry-run-price' }, summary.price ?? 'No price'),
    ' ',
    h('span', { class: 'price-detail' }, summary.priceDetail),
    summary.estimated ? h('span', { class: 'badge badge-estimated' }, 'estimated') : false,
  );
  replaceChildren(
    body,
    h('h3', {}, 'Route'),
    h(
      'ol',
      { class: 'route' },
      ...[summary.chosen, ...summary.fallbacks].flatMap((step, index) =>
        step
          ? [
              h(
                'li',
                { class: index === 0 ? 'route-chosen' : 'route-fallback' },
                h('strong', {}, step.provider),
                ' → ',
                h('code', {}, step.upstreamModel),
                step.price ? ` · ${step.price}` : ' · no price',
                step.healthy ? false : h('span', { class: 'badge badge-retired' }, 'unhealthy'),
                h('span', { class: 'route-reason' }, step.reason),
              ),
            ]
          : [],
      ),
    ),
    summary.skipped.length > 0
      ? h(
          'ul',
          { class: 'skipped', 'aria-label': 'Providers not used' },
          ...summary.skipped.map((entry) =>
            h('li', {}, h('strong', {}, entry.provider), ` not used: ${entry.reason}`),
          ),
        )
      : false,
    h('h3', {}, 'Normalization'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'normalization' },
        h('caption', {}, 'Every parameter: what you asked, what the provider receives, and how'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Parameter'),
            h('th', { scope: 'col' }, 'Asked'),
            h('th', { scope: 'col' }, 'Sent'),
            h('th', { scope: 'col' }, 'How'),
          ),
        ),
        h(
          'tbody',
          {},
          ...summary.normalization.map((entry) =>
            h(
              'tr',
              { class: entry.changed ? 'changed' : undefined },
              h('th', { scope: 'row' }, entry.param),
              h('td', { 'data-label': 'Asked' }, formatValue(entry.requested)),
              h(
                'td',
                { 'data-label': 'Sent' },
                entry.sent
                  ? Object.entries(entry.sent)
                      .map(([key, value]) => `${key}: ${formatValue(value)}`)
                      .join(', ')
                  : '—',
              ),
              h(
                'td',
                { 'data-label': 'How' },
                h('span', { class: `action action-${entry.action}` }, entry.action),
                entry.note ? h('span', { class: 'note' }, entry.note) : false,
              ),
            ),
          ),
        ),
      ),
    ),
    summary.warnings.length > 0
      ? h(
          'ul',
          { class: 'warnings', 'aria-label': 'Warnings' },
          ...summary.warnings.map((warning) => h('li', {}, warning)),
        )
      : false,
  );
}
