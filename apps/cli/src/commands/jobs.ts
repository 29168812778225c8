import { resolve } from 'node:path';
import type { VideoObject as Video, VideoList } from '@reelay/core';
import { CliError, ExitCode, usageError } from '../cli-error';
import type { Command } from '../command';
import { connect } from '../connect';
import { followVideo } from '../follow-video';
import { watchInterrupt } from '../interrupt';
import { isInteractive } from '../io';
import { createColors } from '../output/colors';
import { formatTable } from '../output/table';
import { createWarningPrinter } from '../output/warnings';
import { numberFlag, parseFlags } from '../parse-flags';
import { formatMoney } from '../video-helpers';
import { formatVideo } from './format-video';

const flags = {
  limit: { type: 'string' },
  after: { type: 'string' },
  output: { type: 'string', short: 'o' },
  variant: { type: 'string' },
  'poll-interval': { type: 'string' },
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
    'poll-interval': 'download: seconds between status checks while the job runs (default 1)',
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
    const pollSeconds = numberFlag(values['poll-interval'], 'poll-interval', { min: 0.05 }) ?? 1;
    const connection = await connect(io, values);
    const { client } = connection;
    const warnings = createWarningPrinter(io, createColors(isInteractive(io, false)));
    const interrupt = watchInterrupt();
    const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);
    try {
      if (action === 'list') {
        const query = new URLSearchParams({
          limit: String(numberFlag(values.limit, 'limit', { integer: true, min: 1 }) ?? 20),
        });
        if (values.after) query.set('after', values.after);
        const page = await client.json<VideoList>('GET', `/v1/videos?${query}`);
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
                [video.metadata.provider ?? ''].flat().join(', '),
                formatMoney(video.metadata?.cost ?? video.metadata?.cost_estimate),
              ]),
            ),
          );
          if (page.has_more) io.stdout.write(`More: reelay jobs list --after ${page.data.at(-1)?.id}\n`);
        }
      } else if (action === 'show') {
        const video = await client.json<Video>('GET', `/v1/videos/${id}`);
        warnings.sandbox(video.metadata?.sandbox);
        warnings.print(video.metadata?.warnings);
        io.stdout.write(values.json ? `${JSON.stringify(video)}\n` : formatVideo(video));
      } else if (action === 'cancel') {
        const result = await client.json('DELETE', `/v1/videos/${id}`);
        if (values.json) print(result);
        else io.stdout.write(`Cancelled and deleted ${id}.\n`);
      } else {
        const video = await followVideo(io, client, await client.json<Video>('GET', `/v1/videos/${id}`), {
          json: values.json === true,
          pollMs: pollSeconds * 1000,
          interrupt,
          onInterrupt: async (running) => {
            throw new CliError(
              `Stopped waiting; ${running.id} is ${running.status}. Run the same command again to keep waiting.`,
              ExitCode.jobFailed,
            );
          },
        });
        warnings.print(video.metadata?.warnings);
        if (video.status !== 'completed') {
          const reason = video.error?.message ?? `the job ended ${video.status}`;
          if (values.json) {
            print({ video, file: null });
            return ExitCode.jobFailed;
          }
          throw new CliError(`${id} failed: ${reason}. Nothing was saved.`, ExitCode.jobFailed);
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
      interrupt.stop();
      await connection.close();
    }
  },
};
