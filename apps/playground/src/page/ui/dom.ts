type AttributeValue = string | number | boolean | undefined;
type Child = Node | string | false | null | undefined;

/**
 * Builds an element. Attributes set with `true` are present and empty, `false`/`undefined` are left out;
 * `on*` functions become listeners. Text always goes in as text nodes, never as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A required element of the page, typed; a missing one is a bug in index.html, reported by name. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`playground: #${id} is missing or not a ${type.name}`);
  return element;
}

/** Fills a `<select>` and keeps `value` selected when it is among the options. */
export function setOptions(
  select: HTMLSelectElement,
  options: ReadonlyArray<{ value: string; label: string; disabled?: boolean }>,
  value: string,
): void {
  select.replaceChildren(
    ...options.map((option) =>
      h(
        'option',
        { value: option.value, selected: option.value === value, disabled: option.disabled },
        option.label,
      ),
    ),
  );
  select.value = options.some((option) => option.value === value) ? value : (options[0]?.value ?? '');
}
