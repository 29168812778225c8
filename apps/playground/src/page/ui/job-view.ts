import type { VideoObject as Video } from '@reelay/core';
import { formatSeconds, formatSize, formatUsd, progressText } from '../lib/format';
import { videoCost, videoProvider } from '../lib/parse';
import { byId, h, replaceChildren } from './dom';

export type JobElements = {
  status: HTMLElement;
  progress: HTMLProgressElement;
  playerWrap: HTMLElement;
  player: HTMLVideoElement;
  facts: HTMLElement;
};

export function jobElements(): JobElements {
  return {
    status: byId('job-status', HTMLElement),
    progress: byId('job-progress', HTMLProgressElement),
    playerWrap: byId('player-wrap', HTMLElement),
    player: byId('player', HTMLVideoElement),
    facts: byId('job-facts', HTMLElement),
  };
}

/** Status text (a live region), the progress bar and the facts of the job; the player is set separately. */
export function renderJob(elements: JobElements, video: Video, downloadHref: string): void {
  const text = progressText(video.status, video.progress, video.error?.message);
  if (elements.status.textContent !== text) elements.status.textContent = text;
  elements.status.dataset['status'] = video.status;
  const running = video.status === 'queued' || video.status === 'in_progress';
  elements.progress.hidden = !running;
  elements.progress.value = video.status === 'queued' ? 0 : video.progress;
  elements.progress.setAttribute('aria-valuetext', text);
  if (!running && video.status !== 'completed') elements.playerWrap.hidden = true;

  const cost = videoCost(video);
  const estimate = video.metadata['cost_estimate'];
  const estimateUsd =
    typeof estimate === 'object' && estimate !== null && 'usd' in estimate ? String(estimate.usd) : undefined;
  const fact = (term: string, ...value: Array<Node | string>) => [h('dt', {}, term), h('dd', {}, ...value)];
  replaceChildren(
    elements.facts,
    ...fact('Job', h('code', {}, video.id)),
    ...fact('Model', h('code', {}, video.model), videoProvider(video) ? ` via ${videoProvider(video)}` : ''),
    ...fact('Shape', `${formatSize(video.size)} · ${formatSeconds(video.seconds)}`),
    ...(cost?.final
      ? fact(
          'Final cost',
          h('strong', { 'data-testid': 'final-cost' }, formatUsd(cost.usd)),
          estimateUsd ? ` (quoted ${formatUsd(estimateUsd)})` : '',
        )
      : fact('Quoted cost', estimateUsd ? formatUsd(estimateUsd) : '—')),
    ...(video.status === 'completed'
      ? fact(
          'File',
          h('a', { href: downloadHref, download: `${video.id}.mp4`, class: 'download-link' }, 'Download MP4'),
        )
      : []),
  );
}

/** Shows a finished video. `src` is the content path, or an object URL when the key must be sent. */
export function showPlayer(elements: JobElements, src: string, label: string): void {
  elements.playerWrap.hidden = false;
  elements.player.setAttribute('aria-label', label);
  if (elements.player.getAttribute('src') !== src) {
    elements.player.src = src;
    elements.player.load();
  }
}

export function resetJob(elements: JobElements, message: string): void {
  elements.status.textContent = message;
  delete elements.status.dataset['status'];
  elements.progress.hidden = true;
  elements.playerWrap.hidden = true;
  elements.player.removeAttribute('src');
  replaceChildren(elements.facts);
}
