import { encodeFlac } from './flac-encoder';
import { encodeH264 } from './h264-encoder';
import { muxMp4 } from './mp4-muxer';
import { flacSoundTrack } from './mp4-sound-track';
import { TestPattern } from './test-pattern';
import { renderTestTone } from './test-tone';

export type RenderMp4Options = {
  /** Display width in pixels: an even integer from 16 to 4096. */
  width: number;
  /** Display height in pixels: an even integer from 16 to 4096. */
  height: number;
  /** Clip length, more than 0 and at most 60. The file's duration matches to the millisecond. */
  seconds: number;
  /** Integer frames per second from 1 to 60; default 24. */
  fps?: number;
  /** Picks the colours (and the tone's pitch), so different jobs produce visibly different videos. */
  seed?: string;
  /**
   * Adds a sound track of the same length: a FLAC test tone (16 kHz mono) that beeps every second, as a model
   * that generates audio would deliver one. Default false: a silent file with a video track only.
   */
  audio?: boolean;
};

/** Low, but enough for a tone; keeps a 20 s track near 640 KB since the FLAC frames are uncompressed. */
const AUDIO_SAMPLE_RATE = 16_000;

const MAX_DIMENSION = 4096;
const MAX_SECONDS = 60;
const DEFAULT_FPS = 24;
/** Ticks per frame; with timescale fps × 1000 every frame lasts exactly 1000 ticks. */
const TICKS_PER_FRAME = 1000;

/**
 * A playable H.264 (Constrained Baseline) MP4 of a seed-coloured test pattern with a moving box and a
 * progress bar. Pure TypeScript, synchronous, no ffmpeg.
 */
export function renderMp4(options: RenderMp4Options): Uint8Array {
  const { width, height, seconds, seed } = options;
  const fps = options.fps ?? DEFAULT_FPS;
  checkDimension('width', width);
  checkDimension('height', height);
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) {
    throw new RangeError(
      `renderMp4: seconds must be a number above 0 and at most ${MAX_SECONDS}, got ${String(seconds)}`,
    );
  }
  if (!Number.isInteger(fps) || fps < 1 || fps > 60) {
    throw new RangeError(`renderMp4: fps must be an integer from 1 to 60, got ${String(fps)}`);
  }
  if (options.audio !== undefined && typeof options.audio !== 'boolean') {
    throw new RangeError(`renderMp4: audio must be a boolean, got ${typeof options.audio}`);
  }
  if (seed !== undefined && typeof seed !== 'string') {
    throw new RangeError(`renderMp4: seed must be a string, got ${typeof seed}`);
  }

  const timescale = fps * TICKS_PER_FRAME;
  const totalTicks = Math.max(1, Math.round(seconds * timescale));
  const frameCount = Math.ceil(totalTicks / TICKS_PER_FRAME);
  // The last frame is shortened so the duration is what was asked, not rounded to a whole frame.
  const lastFrameTicks = totalTicks - (frameCount - 1) * TICKS_PER_FRAME;

  const stream = encodeH264({
    width,
    height,
    fps,
    frameCount,
    fixedFrameRate: lastFrameTicks === TICKS_PER_FRAME,
    source: new TestPattern({ width, height, fps, frameCount, seed }),
  });
  const audio = options.audio
    ? flacSoundTrack(
        encodeFlac(renderTestTone({ seconds, sampleRate: AUDIO_SAMPLE_RATE, seed }), AUDIO_SAMPLE_RATE),
      )
    : undefined;
  return muxMp4({
    audio,
    width,
    height,
    timescale,
    sps: stream.sps,
    pps: stream.pps,
    samples: stream.frames.map((nal, index) => ({
      nalUnits: [nal],
      duration: index === frameCount - 1 ? lastFrameTicks : TICKS_PER_FRAME,
      sync: index === 0,
    })),
  });
}

function checkDimension(field: 'width' | 'height', value: number): void {
  if (!Number.isInteger(value) || value < 16 || value > MAX_DIMENSION || value % 2 !== 0) {
    throw new RangeError(
      `renderMp4: ${field} must be an even integer from 16 to ${MAX_DIMENSION}, got ${String(value)}`,
    );
  }
}
