import { readMp4Info, renderMp4 } from '@reelay/testing';
import { median } from './stats';

export type RenderTiming = {
  width: number;
  height: number;
  seconds: number;
  frames: number;
  bytes: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
};

/** `renderMp4` (the simulators' pure-TypeScript H.264 encoder) for one clip size, in this process. */
export function measureRender(options: {
  width: number;
  height: number;
  seconds: number;
  runs: number;
  warmupRuns: number;
}): RenderTiming {
  const clip = { width: options.width, height: options.height, seconds: options.seconds };
  for (let index = 0; index < options.warmupRuns; index++) renderMp4({ ...clip, seed: `warmup-${index}` });
  const times: number[] = [];
  let last: Uint8Array = new Uint8Array();
  for (let index = 0; index < options.runs; index++) {
    const started = performance.now();
    last = renderMp4({ ...clip, seed: `run-${index}` });
    times.push(performance.now() - started);
  }
  const info = readMp4Info(last);
  if (
    info.width !== options.width ||
    info.height !== options.height ||
    Math.abs(info.durationSeconds - options.seconds) > 0.1
  ) {
    throw new Error(
      `renderMp4 produced ${info.width}x${info.height} ${info.durationSeconds} s, not the clip asked for`,
    );
  }
  return {
    ...clip,
    frames: info.frameCount,
    bytes: last.byteLength,
    runs: options.runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}
