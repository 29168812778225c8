import type { VideoObject as Video } from '@reelay/core';
import type { GatewayClient } from './gateway-client';
import type { Interrupt } from './interrupt';
import { type Io, isInteractive } from './io';
import { createProgressBar } from './output/progress-bar';

export type FollowOptions = {
  json: boolean;
  pollMs: number;
  interrupt: Interrupt;
  /** Called once when the user presses Ctrl-C while the job is unfinished; it decides what happens next. */
  onInterrupt(video: Video): Promise<never>;
};

/** Polls a video until it completes or fails, with a progress bar when a person is watching a terminal. */
export async function followVideo(
  io: Io,
  client: GatewayClient,
  start: Video,
  options: FollowOptions,
): Promise<Video> {
  const bar = isInteractive(io, options.json) ? createProgressBar(io, start.id) : undefined;
  let video = start;
  while (video.status === 'queued' || video.status === 'in_progress') {
    if (options.interrupt.pressed) {
      bar?.done();
      await options.onInterrupt(video);
    }
    bar?.update(video.status, video.progress ?? 0);
    await new Promise((done) => setTimeout(done, options.pollMs));
    if (!options.interrupt.pressed) video = await client.json<Video>('GET', `/v1/videos/${start.id}`);
  }
  bar?.update(video.status, video.status === 'completed' ? 100 : (video.progress ?? 0));
  bar?.done();
  return video;
}
