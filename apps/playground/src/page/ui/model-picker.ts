import { capabilityChips, lifecycleText } from '../lib/format';
import type { ModelCard } from '../lib/wire-types';
import { h, replaceChildren } from './dom';

/** Lifecycle order in the picker: active models first, then deprecated, then retired. */
const LIFECYCLE_RANK = { active: 0, deprecated: 1, retired: 2 } as const;

export function sortModels(models: readonly ModelCard[]): ModelCard[] {
  return [...models].sort(
    (a, b) =>
      LIFECYCLE_RANK[a.lifecycle.status] - LIFECYCLE_RANK[b.lifecycle.status] || a.name.localeCompare(b.name),
  );
}

/**
 * One radio per model, each a card with its lifecycle badge, price and capabilities. Native radios give the
 * arrow-key behaviour of a radio group for free; the label is the accessible name, the rest its description.
 */
export function renderModelPicker(
  container: HTMLElement,
  models: readonly ModelCard[],
  selected: string,
  onSelect: (id: string) => void,
): void {
  const cards = sortModels(models).map((card) => {
    const inputId = `model-${card.id.replace(/[^\w-]/g, '_')}`;
    const detailsId = `${inputId}-details`;
    const lifecycle = lifecycleText(card);
    return h(
      'div',
      { class: `model-option lifecycle-${card.lifecycle.status}` },
      h('input', {
        type: 'radio',
        name: 'model',
        id: inputId,
        value: card.id,
        checked: card.id === selected,
        'aria-describedby': detailsId,
        onchange: () => onSelect(card.id),
      }),
      h(
        'label',
        { for: inputId },
        h('span', { class: 'model-name' }, card.name),
        ' ',
        h('span', { class: `badge badge-${card.lifecycle.status}` }, lifecycle.badge),
      ),
      h(
        'div',
        { class: 'model-meta', id: detailsId },
        h('code', {}, card.id),
        card.price
          ? h('span', { class: 'model-price' }, card.price)
          : h('span', { class: 'model-price' }, 'no price'),
        h(
          'span',
          { class: 'chips' },
          ...capabilityChips(card).map((chip) => h('span', { class: 'chip' }, chip)),
        ),
      ),
    );
  });
  replaceChildren(container, ...cards);
}

/** The selected model's lifecycle note, providers and prices, with a button per successor. */
export function renderModelDetails(
  container: HTMLElement,
  card: ModelCard | undefined,
  onSwitch: (id: string) => void,
  known: (id: string) => boolean,
): void {
  if (!card) {
    replaceChildren(container);
    return;
  }
  const lifecycle = lifecycleText(card);
  const successors = card.lifecycle.successors.filter(known);
  replaceChildren(
    container,
    lifecycle.sentence
      ? h(
          'p',
          { class: `lifecycle-note lifecycle-${card.lifecycle.status}` },
          lifecycle.sentence,
          ...successors.map((id) =>
            h(
              'button',
              { type: 'button', class: 'link-button', onclick: () => onSwitch(id) },
              `Switch to ${id}`,
            ),
          ),
        )
      : false,
    h(
      'p',
      { class: 'model-providers' },
      `${card.name} by ${card.owned_by || 'unknown'} · served by `,
      ...card.providers.flatMap((provider, index) => [
        index > 0 ? ', ' : '',
        h('strong', {}, provider.provider),
        provider.price
          ? ` (${provider.price.display}${provider.price.estimated ? ', estimated' : ''})`
          : ' (no price)',
      ]),
    ),
  );
}
