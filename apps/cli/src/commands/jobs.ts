import { resolve } from 'node:path';
import { usageError } from '../cli-error';
import type { Command } from '../command';
import { connect } from '../connect';
import { formatTable } from '../output/table';
import { numberFlag, parseFlags } from '../parse-flags';
import { formatMoney, type Video } from '../video-types';

const flags = {
  limit: { type: 'string' },
  after: { type: 'string' },
  output: { type: 'string', short: 'o' },
  variant: { type: 'string' },
} as const;

const actions = ['list', 'show', 'cancel', 'download'] as const;

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'List, inspect, cancel and download jobs.',
  usage: 'reelay jobs list|show <id>|cancel <id>|download <id> [-o file]',
  flagHelp: {
    limit: 'list: how many (default 20)',
    after: 'list: page after this job id',
    output: 'download: file to write (default <id>.mp4)',
    variant: 'download: video (default), thumbnail or spritesheet',
  },
  examples: [
    'reelay jobs list',
    'reelay jobs show video_abc123',
    'reelay jobs download video_abc123 -o clip.mp4',
    'reelay jobs cancel video_abc123',
  ],
  async run(io, argv) {
    const { values, positionals } = parseFlags(argv, flags, 'jobs');
    const [action, id] = positionals as [string | undefined, string | undefined];
    if (!action || !(actions as readonly string[]).includes(action)) {
      throw usageError(`Say what to do with jobs: ${actions.join(', ')} (e.g. reelay jobs list).`);
    }
    if (action !== 'list' && !id)
      throw usageError(`reelay jobs ${action} needs a job id, e.g. reelay jobs ${action} video_abc123.`);
    const variant = values.variant ?? 'video';
    if (!['video', 'thumbnail', 'spritesheet'].includes(variant)) {
      throw usageError(`--variant must be video, thumbnail or spritesheet, not '${variant}'.`);
    }
    const connection = await connect(io, values);
    const { client } = connection;
    const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);
    try {
      if (action === 'list') {
        const query = new URLSearchParams({
          limit: String(numberFlag(values.limit, 'limit', { integer: true, min: 1 }) ?? 20),
        });
        if (values.after) query.set('after', values.after);
        const page = await client.json<{ data: Video[]; has_more: boolean }>('GET', `/v1/videos?${query}`);
        if (values.json) print(page);
        else {
          io.stdout.write(
            formatTable(
              ['ID', 'MODEL', 'STATUS', 'PROGRESS', 'PROVIDER', 'COST'],
              page.data.map((video) => [
                video.id,
                video.model,
                video.status,
                `${video.progress ?? 0}%`,
                video.metadata?.provider ?? '',
                formatMoney(video.metadata?.cost ?? video.metadata?.cost_estimate),
              ]),
            ),
          );
          if (page.has_more) io.stdout.write(`More: reelay jobs list --after ${page.data.at(-1)?.id}\n`);
        }
      } else if (action === 'show') {
        const video = await client.json<Video>('GET', `/v1/videos/${id}`);
        io.stdout.write(values.json ? `${JSON.stringify(video)}\n` : `${JSON.stringify(video, null, 2)}\n`);
      } else if (action === 'cancel') {
        const result = await client.json('DELETE', `/v1/videos/${id}`);
        if (values.json) print(result);
        else io.stdout.write(`Cancelled and deleted ${id}.\n`);
      } else {
        const video = await client.json<Video>('GET', `/v1/videos/${id}`);
        if (video.status !== 'completed') {
          if (values.json) print({ video, file: null });
          else
            io.stdout.write(
              `${id} is ${video.status} (${video.progress ?? 0}%); download it once completed.\n`,
            );
          return video.status === 'failed' ? 1 : 0;
        }
        const extension = variant === 'video' ? 'mp4' : 'png';
        const file = resolve(
          io.cwd,
          values.output ?? `${id}${variant === 'video' ? '' : `.${variant}`}.${extension}`,
        );
        const bytes = await client.download(`/v1/videos/${id}/content?variant=${variant}`, file);
        if (values.json) print({ video, file, bytes });
        else io.stdout.write(`Saved ${file} (${bytes} bytes)\n`);
      }
      return 0;
    } finally {
      await connection.close();
    }
  },
};
