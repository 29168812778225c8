import type { FlacStream } from './flac-encoder';
import { ByteWriter, box, fullBox } from './mp4-box-writer';

/** An audio track for the muxer: its sample entry and its samples, timed in `sampleRate` units. */
export type Mp4SoundTrack = {
  sampleRate: number;
  /** The `stsd` entry (`fLaC` with its `dfLa`). */
  sampleEntry: Uint8Array;
  samples: ReadonlyArray<{ bytes: Uint8Array; duration: number }>;
};

/** A FLAC stream as an MP4 sound track (the FLAC-in-ISOBMFF mapping: `fLaC` sample entry, `dfLa` box). */
export function flacSoundTrack(stream: FlacStream): Mp4SoundTrack {
  const dfLa = fullBox(
    'dfLa',
    0,
    0,
    new ByteWriter(38)
      .u8(0x80) // last metadata block, type 0 (STREAMINFO)
      .u8(0)
      .u16(stream.streamInfo.length)
      .bytes(stream.streamInfo)
      .finish(),
  );
  const fLaC = box(
    'fLaC',
    new ByteWriter(28)
      .zeros(6)
      .u16(1) // data_reference_index
      .zeros(8)
      .u16(stream.channels)
      .u16(stream.bitsPerSample)
      .zeros(4)
      .u32(stream.sampleRate * 0x10000) // 16.16 fixed point
      .finish(),
    dfLa,
  );
  return {
    sampleRate: stream.sampleRate,
    sampleEntry: fLaC,
    samples: stream.frames.map((frame) => ({ bytes: frame.bytes, duration: frame.samples })),
  };
}

/** The track's length in the movie's timescale, for `mvhd` and `tkhd`. */
export function soundTrackDuration(track: Mp4SoundTrack, movieTimescale: number): number {
  const samples = track.samples.reduce((total, sample) => total + sample.duration, 0);
  return Math.round((samples * movieTimescale) / track.sampleRate);
}

/** The `trak` of a sound track whose samples sit in one chunk at `chunkOffset`. */
export function buildSoundTrak(
  track: Mp4SoundTrack,
  options: { trackId: number; chunkOffset: number; wide: boolean; movieTimescale: number },
): Uint8Array {
  const mediaDuration = track.samples.reduce((total, sample) => total + sample.duration, 0);
  const tkhd = fullBox(
    'tkhd',
    0,
    0x3, // track_enabled | track_in_movie
    new ByteWriter()
      .u32(0)
      .u32(0)
      .u32(options.trackId)
      .u32(0)
      .u32(soundTrackDuration(track, options.movieTimescale))
      .zeros(8)
      .u16(0) // layer
      .u16(1) // alternate_group: audio
      .u16(0x0100) // volume 1.0
      .u16(0)
      .u32(0x10000)
      .u32(0)
      .u32(0)
      .u32(0)
      .u32(0x10000)
      .u32(0)
      .u32(0)
      .u32(0)
      .u32(0x40000000)
      .u32(0) // width
      .u32(0) // height
      .finish(),
  );
  const mdhd = fullBox(
    'mdhd',
    0,
    0,
    new ByteWriter().u32(0).u32(0).u32(track.sampleRate).u32(mediaDuration).u16(0x55c4).u16(0).finish(),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    new ByteWriter().u32(0).ascii('soun').zeros(12).ascii('SoundHandler').u8(0).finish(),
  );
  const smhd = fullBox('smhd', 0, 0, new ByteWriter().u16(0).u16(0).finish());
  const dinf = box('dinf', fullBox('dref', 0, 0, new ByteWriter().u32(1).finish(), fullBox('url ', 0, 1)));

  const runs: [count: number, delta: number][] = [];
  for (const { duration } of track.samples) {
    const last = runs[runs.length - 1];
    if (last && last[1] === duration) last[0]++;
    else runs.push([1, duration]);
  }
  const stts = new ByteWriter().u32(runs.length);
  for (const [count, delta] of runs) stts.u32(count).u32(delta);
  const stsz = new ByteWriter().u32(0).u32(track.samples.length);
  for (const sample of track.samples) stsz.u32(sample.bytes.length);

  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, new ByteWriter().u32(1).finish(), track.sampleEntry),
    fullBox('stts', 0, 0, stts.finish()),
    fullBox('stsc', 0, 0, new ByteWriter().u32(1).u32(1).u32(track.samples.length).u32(1).finish()),
    fullBox('stsz', 0, 0, stsz.finish()),
    options.wide
      ? fullBox('co64', 0, 0, new ByteWriter().u32(1).u64(options.chunkOffset).finish())
      : fullBox('stco', 0, 0, new ByteWriter().u32(1).u32(options.chunkOffset).finish()),
  );
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', smhd, dinf, stbl)));
}
