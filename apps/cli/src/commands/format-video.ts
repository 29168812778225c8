import type { VideoObject as Video } from '@reelay/core';
import { formatMoney } from '../video-helpers';

/** `reelay jobs show` for a person: one labelled line per fact, the whole object only with --json. */
export function formatVideo(video: Video): string {
  const metadata = video.metadata ?? {};
  const lines: Array<[string, string | undefined]> = [
    ['id', video.id],
    ['model', video.model],
    ['status', `${video.status}${video.status === 'completed' ? '' : ` (${video.progress ?? 0}%)`}`],
    ['provider', metadata.offering ?? [metadata.provider ?? ''].flat().join(', ')],
    ['size', video.size],
    ['seconds', video.seconds],
    ['cost', formatMoney(metadata.cost ?? metadata.cost_estimate)],
    ['error', video.error?.message],
    ['output', video.status === 'completed' ? `reelay jobs download ${video.id}` : undefined],
  ];
  const shown = lines.filter((line): line is [string, string] => Boolean(line[1]));
  const width = Math.max(...shown.map(([label]) => label.length)) + 2;
  return `${shown.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n')}\n`;
}
