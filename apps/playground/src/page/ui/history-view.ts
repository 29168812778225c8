import type { VideoObject as Video } from '@reelay/core';
import { formatRelativeTime, formatSeconds, formatSize, formatStatus, formatUsd } from '../lib/format';
import { videoCost, videoProvider } from '../lib/parse';
import { h, replaceChildren } from './dom';

export type HistoryActions = {
  play(video: Video): void;
  download(video: Video, event: Event): void;
  remove(video: Video): Promise<void>;
  /** Points an `<img>` at the stored thumbnail (directly, or via a keyed fetch). */
  preview(video: Video, target: HTMLImageElement): void;
  downloadHref(video: Video): string;
};

const CONFIRM_MS = 4000;

/** This key's jobs, newest first: status, cost, thumbnail, and play / download / delete. */
export function renderHistory(
  list: HTMLElement,
  videos: readonly Video[],
  actions: HistoryActions,
  now: number,
): void {
  if (videos.length === 0) {
    replaceChildren(list, h('li', { class: 'history-empty' }, 'No videos yet for this key.'));
    return;
  }
  // Previews already loaded are moved into the new list, so a refresh does not reload every thumbnail.
  const loaded = new Map<string, Element>();
  for (const item of list.querySelectorAll<HTMLElement>('.history-item')) {
    const preview = item.querySelector('img.thumb');
    if (item.dataset['id'] && preview) loaded.set(item.dataset['id'], preview);
  }
  replaceChildren(list, ...videos.map((video) => historyItem(video, actions, now, loaded.get(video.id))));
}

/**
 * The stored thumbnail when there is one, else a still placeholder: loading the MP4 just for a first frame would
 * fetch every video in the list on each visit.
 */
function previewOf(video: Video, actions: HistoryActions): HTMLElement {
  if (video.output?.thumbnail_url) {
    const image = h('img', {
      class: 'thumb',
      alt: `Thumbnail of ${video.id}`,
      width: 96,
      height: 54,
      loading: 'lazy',
    });
    actions.preview(video, image);
    return image;
  }
  return h('div', { class: 'thumb thumb-empty', 'aria-hidden': 'true' }, '▶');
}

function historyItem(
  video: Video,
  actions: HistoryActions,
  now: number,
  loaded: Element | undefined,
): HTMLLIElement {
  const cost = videoCost(video);
  const done = video.status === 'completed' && video.output !== null;
  const thumb = done
    ? (loaded ?? previewOf(video, actions))
    : h('div', { class: 'thumb thumb-empty', 'aria-hidden': 'true' }, formatStatus(video.status));
  const deleteButton = h(
    'button',
    { type: 'button', class: 'danger', 'aria-label': `Delete ${video.id}` },
    'Delete',
  );
  let armed: ReturnType<typeof setTimeout> | undefined;
  deleteButton.addEventListener('click', () => {
    if (armed === undefined) {
      deleteButton.textContent = 'Confirm delete';
      deleteButton.setAttribute('aria-label', `Confirm: delete ${video.id}`);
      armed = setTimeout(() => {
        armed = undefined;
        deleteButton.textContent = 'Delete';
        deleteButton.setAttribute('aria-label', `Delete ${video.id}`);
      }, CONFIRM_MS);
      return;
    }
    clearTimeout(armed);
    deleteButton.disabled = true;
    void actions.remove(video).finally(() => {
      deleteButton.disabled = false;
    });
  });
  return h(
    'li',
    { class: 'history-item', 'data-id': video.id, 'data-status': video.status },
    thumb,
    h(
      'div',
      { class: 'history-main' },
      h(
        'p',
        { class: 'history-title' },
        h(
          'span',
          { class: `badge status-${video.status}` },
          video.status === 'in_progress' ? `${video.progress} %` : formatStatus(video.status),
        ),
        ' ',
        h('code', {}, video.model),
        ` · ${formatSize(video.size)} · ${formatSeconds(video.seconds)}`,
      ),
      video.prompt ? h('p', { class: 'history-prompt' }, video.prompt) : false,
      h(
        'p',
        { class: 'history-meta' },
        cost ? `${formatUsd(cost.usd)} ${cost.final ? 'charged' : 'quoted'}` : 'no price',
        videoProvider(video) ? ` · ${videoProvider(video)}` : '',
        ` · ${formatRelativeTime(video.created_at, now)}`,
        video.error ? h('span', { class: 'error-text' }, ` · ${video.error.message}`) : false,
      ),
    ),
    h(
      'div',
      { class: 'history-actions' },
      done
        ? h(
            'button',
            { type: 'button', 'aria-label': `Play ${video.id}`, onclick: () => actions.play(video) },
            'Play',
          )
        : false,
      done
        ? h(
            'a',
            {
              href: actions.downloadHref(video),
              download: `${video.id}.mp4`,
              class: 'button-link',
              'aria-label': `Download ${video.id}`,
              onclick: (event: Event) => actions.download(video, event),
            },
            'Download',
          )
        : false,
      deleteButton,
    ),
  );
}
