import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { DryRunResult as DryRun, VideoObject as Video } from '@reelay/core';
import { CliError, ExitCode, usageError } from '../cli-error';
import type { Command } from '../command';
import { connect } from '../connect';
import { buildCreateRequest, requestFlagHelp, requestFlags } from '../create-request';
import { followVideo } from '../follow-video';
import type { GatewayClient } from '../gateway-client';
import { watchInterrupt } from '../interrupt';
import { type Io, isInteractive } from '../io';
import { createColors } from '../output/colors';
import { createWarningPrinter } from '../output/warnings';
import { numberFlag, parseFlags } from '../parse-flags';
import { childIds, chosenRoute, formatMoney, usdOf } from '../video-helpers';
import { printRoute } from './print-route';

const flags = {
  ...requestFlags,
  output: { type: 'string', short: 'o' },
  'max-cost': { type: 'string' },
  'poll-interval': { type: 'string' },
} as const;

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate a video: show the route and price, submit, follow progress, download.',
  usage: 'reelay generate "<prompt>" --model <id|provider/id> [flags] [-o file.mp4]',
  flagHelp: {
    ...requestFlagHelp,
    output: 'where to write the video (default: <video id>.mp4; with --n, -1, -2… are added)',
    'max-cost': 'refuse (before submitting) a job quoted above this many USD',
    'poll-interval': 'seconds between status checks (default 1)',
  },
  examples: [
    'reelay generate "a paper boat on a rainy street" --model veo-3.1 --seconds 8 --size 1280x720 -o boat.mp4',
    'reelay generate "a fox in snow" --model fal/veo-3.1 --aspect-ratio 9:16 --resolution 1080p --no-audio',
    'reelay generate "slow zoom" --model kling-3 --image ./first-frame.png --max-cost 1.50',
    'reelay generate "city at night" --model kling-3 --json > job.json',
  ],
  async run(io, argv) {
    const { values, positionals } = parseFlags(argv, flags, 'generate');
    const prompt = positionals[0];
    if (!prompt) throw usageError('A prompt is required: reelay generate "<prompt>" --model <id>.');
    if (positionals.length > 1)
      throw usageError(
        `Unexpected argument '${positionals[1]}'. Quote the prompt: reelay generate "a b c" …`,
      );
    const maxCost = numberFlag(values['max-cost'], 'max-cost');
    const pollSeconds = numberFlag(values['poll-interval'], 'poll-interval', { min: 0.05 }) ?? 1;
    const json = values.json === true;
    const body = await buildCreateRequest(io, prompt, values);
    const colors = createColors(isInteractive(io, json));
    const warnings = createWarningPrinter(io, createColors(isInteractive(io, false)));

    const connection = await connect(io, values);
    const interrupt = watchInterrupt();
    try {
      const { client } = connection;
      const dryRun = await client.json<DryRun>('POST', '/v1/videos?dry_run=true', body);
      const quoted = usdOf(dryRun.cost_estimate);
      if (!json) printRoute(io, dryRun, colors);
      warnings.sandbox(dryRun.sandbox);
      warnings.print(dryRun.warnings);
      warnings.print(chosenRoute(dryRun)?.warnings);
      if (maxCost !== undefined && quoted !== undefined && quoted > maxCost) {
        throw new CliError(
          `The job is quoted at ${formatMoney(dryRun.cost_estimate)}, above --max-cost $${maxCost.toFixed(2)}. Nothing was submitted. ` +
            'Ask for fewer seconds or a lower resolution, or raise --max-cost.',
          ExitCode.routeOrUpstream,
        );
      }
      if (interrupt.pressed) throw new CliError('Interrupted. Nothing was submitted.', ExitCode.jobFailed);

      const created = await client.json<Video>('POST', '/v1/videos', body, {
        'idempotency-key': randomUUID(),
      });
      if (!json) io.stderr.write(`${colors.dim(`Submitted ${created.id}`)}\n`);
      const finished = await followVideo(io, client, created, {
        json,
        pollMs: pollSeconds * 1000,
        interrupt,
        onInterrupt: (video) => onCtrlC(io, client, video, connection.inProcess),
      });
      warnings.print(finished.metadata?.warnings);
      const ids = childIds(finished).length > 0 ? childIds(finished) : [finished.id];
      const videos = await Promise.all(
        ids.map((id) => (id === finished.id ? finished : client.json<Video>('GET', `/v1/videos/${id}`))),
      );
      const files: string[] = [];
      for (const [index, video] of videos.entries()) {
        if (video.status !== 'completed') continue;
        const file = outputPath(io, values.output, video.id, ids.length > 1 ? index + 1 : undefined);
        await client.download(`/v1/videos/${video.id}/content`, file);
        files.push(file);
      }
      if (json) {
        io.stdout.write(
          `${JSON.stringify({ video: finished, children: ids.length > 1 ? videos : undefined, files })}\n`,
        );
      } else {
        for (const file of files) io.stdout.write(`${colors.green('✔')} Saved ${file}\n`);
        io.stdout.write(
          `Cost: ${formatMoney(finished.metadata?.cost ?? finished.metadata?.cost_estimate)}\n`,
        );
      }
      if (finished.status === 'failed' || files.length < ids.length) {
        const reason = finished.error?.message ?? 'one or more videos failed';
        if (!json) io.stderr.write(`${colors.red('✘')} ${reason}\n`);
        return ExitCode.jobFailed;
      }
      return ExitCode.ok;
    } finally {
      interrupt.stop();
      await connection.close();
    }
  },
};

async function onCtrlC(io: Io, client: GatewayClient, video: Video, inProcess: boolean): Promise<never> {
  // `jobs download` waits for the job to finish; in-process, the next gateway started on the same data directory
  // resumes tracking it, so the advice works from the same folder (or with the same REELAY_DATA_DIR).
  const resume = inProcess
    ? `It resumes the next time reelay runs from this folder; wait for it and save it with: reelay jobs download ${video.id}`
    : `Wait for it and save it with: reelay jobs download ${video.id}`;
  let cancel = false;
  if (io.stdin.isTTY) {
    const prompt = createInterface({ input: io.stdin, output: process.stderr });
    const answer = await prompt.question(`Cancel ${video.id} at the provider too? [y/N] `);
    prompt.close();
    cancel = /^y(es)?$/i.test(answer.trim());
  }
  if (cancel) {
    await client.json('DELETE', `/v1/videos/${video.id}`);
    io.stderr.write(`Cancelled ${video.id}.\n`);
  } else {
    io.stderr.write(`Left ${video.id} running. ${resume}\n`);
  }
  throw new CliError('Interrupted.', ExitCode.jobFailed);
}

function outputPath(io: Io, output: string | undefined, id: string, index: number | undefined): string {
  if (!output) return resolve(io.cwd, `${id}.mp4`);
  if (index === undefined) return resolve(io.cwd, output);
  const dot = output.lastIndexOf('.');
  return resolve(
    io.cwd,
    dot > 0 ? `${output.slice(0, dot)}-${index}${output.slice(dot)}` : `${output}-${index}`,
  );
}
