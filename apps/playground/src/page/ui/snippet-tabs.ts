import { abbreviateForDisplay, SNIPPET_LANGUAGES, type SnippetLanguage } from '../lib/snippets';
import { byId, h, replaceChildren } from './dom';

export type SnippetTabs = {
  /** Shows new snippet texts; the selected tab stays selected. */
  update(texts: Record<SnippetLanguage, string>): void;
};

/** ARIA tabs (arrow keys, Home, End) over the three snippets, with a Copy button that takes the full text. */
export function createSnippetTabs(): SnippetTabs {
  const tablist = byId('snippet-tabs', HTMLElement);
  const panel = byId('snippet-panel', HTMLElement);
  const code = byId('snippet-code', HTMLElement);
  const copyButton = byId('copy-snippet', HTMLButtonElement);
  const copyStatus = byId('copy-status', HTMLElement);
  let selected: SnippetLanguage = 'curl';
  let texts: Record<SnippetLanguage, string> = { curl: '', javascript: '', python: '' };

  const tabs = SNIPPET_LANGUAGES.map(({ id, label }) =>
    h(
      'button',
      { type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': 'snippet-panel', 'data-language': id },
      label,
    ),
  );
  replaceChildren(tablist, ...tabs);

  const show = (language: SnippetLanguage, focus: boolean) => {
    selected = language;
    for (const tab of tabs) {
      const active = tab.dataset['language'] === language;
      tab.setAttribute('aria-selected', String(active));
      tab.tabIndex = active ? 0 : -1;
      if (active && focus) tab.focus();
    }
    panel.setAttribute('aria-labelledby', `tab-${language}`);
    code.dataset['language'] = language;
    code.textContent = abbreviateForDisplay(texts[language]);
    copyStatus.textContent = '';
  };

  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]');
    const language = tab?.dataset['language'] as SnippetLanguage | undefined;
    if (language) show(language, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = SNIPPET_LANGUAGES.findIndex((language) => language.id === selected);
    const last = SNIPPET_LANGUAGES.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % (last + 1)
        : event.key === 'ArrowLeft'
          ? (index + last) % (last + 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    show(SNIPPET_LANGUAGES[next]!.id, true);
  });
  copyButton.addEventListener('click', () => {
    void copyText(texts[selected]).then((copied) => {
      copyStatus.textContent = copied ? 'Copied.' : 'Copy failed: select the text and copy it by hand.';
    });
  });

  show(selected, false);
  return {
    update(next) {
      texts = next;
      code.textContent = abbreviateForDisplay(texts[selected]);
    },
  };
}

/** The async clipboard where allowed (secure contexts), else the old select-and-copy. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}
