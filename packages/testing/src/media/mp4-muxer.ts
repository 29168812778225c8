import { ByteWriter, box, fullBox } from './mp4-box-writer';
import { buildSoundTrak, type Mp4SoundTrack, soundTrackDuration } from './mp4-sound-track';

export type Mp4Sample = {
  /** NAL units of one access unit, without start codes; each is written with a 4-byte length prefix. */
  nalUnits: readonly Uint8Array[];
  /** In `timescale` units. */
  duration: number;
  sync: boolean;
};

export type Mp4MuxOptions = {
  /** Display size; the SPS may code a larger, cropped picture. */
  width: number;
  height: number;
  timescale: number;
  sps: Uint8Array;
  pps: Uint8Array;
  samples: readonly Mp4Sample[];
  /** A second track with sound, stored after the video's samples; `undefined`: a silent file. */
  audio?: Mp4SoundTrack | undefined;
};

const NAL_LENGTH_SIZE = 4;
const UINT32_LIMIT = 2 ** 32;
const IDENTITY_MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

/**
 * An H.264 MP4 (with a sound track when `audio` is given) with `moov` ahead of `mdat` (faststart), so a browser can start playing after
 * fetching the first bytes instead of seeking to the end of the file for the index.
 */
export function muxMp4(options: Mp4MuxOptions): Uint8Array {
  const { samples } = options;
  const sampleSizes = samples.map((sample) =>
    sample.nalUnits.reduce((total, nal) => total + NAL_LENGTH_SIZE + nal.length, 0),
  );
  const videoSize = sampleSizes.reduce((total, size) => total + size, 0);
  const audioSamples = options.audio?.samples ?? [];
  const payloadSize = videoSize + audioSamples.reduce((total, sample) => total + sample.bytes.length, 0);
  const mdatHeaderSize = payloadSize + 8 < UINT32_LIMIT ? 8 : 16;

  const ftyp = box(
    'ftyp',
    new ByteWriter()
      .ascii('isom')
      .u32(0x200)
      .ascii('isom')
      .ascii('iso2')
      .ascii('avc1')
      .ascii('mp41')
      .finish(),
  );
  // stco holds the offset of mdat's payload, which depends on the size of moov itself. That size does not
  // depend on the offset's value, only on whether it needs co64, so measure moov first and then build it.
  const moovSize = (wide: boolean) => buildMoov(options, sampleSizes, 0, 0, wide).length;
  const wide = ftyp.length + moovSize(false) + mdatHeaderSize + payloadSize >= UINT32_LIMIT;
  const dataOffset = ftyp.length + moovSize(wide) + mdatHeaderSize;
  const moov = buildMoov(options, sampleSizes, dataOffset, dataOffset + videoSize, wide);

  const out = new Uint8Array(dataOffset + payloadSize);
  const view = new DataView(out.buffer);
  out.set(ftyp, 0);
  out.set(moov, ftyp.length);
  let at = ftyp.length + moov.length;
  if (mdatHeaderSize === 8) {
    view.setUint32(at, payloadSize + 8);
    out.set(ascii('mdat'), at + 4);
  } else {
    view.setUint32(at, 1);
    out.set(ascii('mdat'), at + 4);
    view.setBigUint64(at + 8, BigInt(payloadSize + 16));
  }
  at += mdatHeaderSize;
  for (const sample of samples) {
    for (const nal of sample.nalUnits) {
      view.setUint32(at, nal.length);
      out.set(nal, at + NAL_LENGTH_SIZE);
      at += NAL_LENGTH_SIZE + nal.length;
    }
  }
  for (const sample of audioSamples) {
    out.set(sample.bytes, at);
    at += sample.bytes.length;
  }
  return out;
}

function ascii(text: string): Uint8Array {
  return new ByteWriter(text.length).ascii(text).finish();
}

function matrix(writer: ByteWriter): ByteWriter {
  for (const value of IDENTITY_MATRIX) writer.u32(value);
  return writer;
}

function buildMoov(
  options: Mp4MuxOptions,
  sampleSizes: number[],
  dataOffset: number,
  audioOffset: number,
  wide: boolean,
): Uint8Array {
  const { width, height, timescale, samples, audio } = options;
  const duration = samples.reduce((total, sample) => total + sample.duration, 0);
  const movieDuration = Math.max(duration, audio ? soundTrackDuration(audio, timescale) : 0);

  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    matrix(new ByteWriter().u32(0).u32(0).u32(timescale).u32(movieDuration).u32(0x10000).u16(0x100).zeros(10))
      .zeros(24)
      .u32(audio ? 3 : 2) // next_track_ID
      .finish(),
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    0x3, // track_enabled | track_in_movie
    matrix(new ByteWriter().u32(0).u32(0).u32(1).u32(0).u32(duration).zeros(8).u16(0).u16(0).u16(0).u16(0))
      .fixed16(width)
      .fixed16(height)
      .finish(),
  );
  const mdhd = fullBox(
    'mdhd',
    0,
    0,
    new ByteWriter().u32(0).u32(0).u32(timescale).u32(duration).u16(0x55c4 /* 'und' */).u16(0).finish(),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    new ByteWriter().u32(0).ascii('vide').zeros(12).ascii('VideoHandler').u8(0).finish(),
  );
  const vmhd = fullBox('vmhd', 0, 1, new ByteWriter().u16(0).u16(0).u16(0).u16(0).finish());
  const dinf = box('dinf', fullBox('dref', 0, 0, new ByteWriter().u32(1).finish(), fullBox('url ', 0, 1)));
  const stbl = box(
    'stbl',
    buildStsd(options),
    buildStts(samples),
    buildStss(samples),
    // Everything lives in one chunk right after the mdat header.
    fullBox('stsc', 0, 0, new ByteWriter().u32(1).u32(1).u32(samples.length).u32(1).finish()),
    buildStsz(sampleSizes),
    wide
      ? fullBox('co64', 0, 0, new ByteWriter().u32(1).u64(dataOffset).finish())
      : fullBox('stco', 0, 0, new ByteWriter().u32(1).u32(dataOffset).finish()),
  );
  const minf = box('minf', vmhd, dinf, stbl);
  const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
  if (!audio) return box('moov', mvhd, trak);
  const sound = buildSoundTrak(audio, {
    trackId: 2,
    chunkOffset: audioOffset,
    wide,
    movieTimescale: timescale,
  });
  return box('moov', mvhd, trak, sound);
}

function buildStsd({ width, height, sps, pps }: Mp4MuxOptions): Uint8Array {
  const avcC = box(
    'avcC',
    new ByteWriter()
      .u8(1) // configurationVersion
      .u8(sps[1] ?? 0) // AVCProfileIndication
      .u8(sps[2] ?? 0) // profile_compatibility
      .u8(sps[3] ?? 0) // AVCLevelIndication
      .u8(0xfc | (NAL_LENGTH_SIZE - 1))
      .u8(0xe0 | 1) // one SPS
      .u16(sps.length)
      .bytes(sps)
      .u8(1) // one PPS
      .u16(pps.length)
      .bytes(pps)
      .finish(),
  );
  const avc1 = box(
    'avc1',
    new ByteWriter()
      .zeros(6)
      .u16(1) // data_reference_index
      .zeros(16)
      .u16(width)
      .u16(height)
      .u32(0x00480000) // 72 dpi
      .u32(0x00480000)
      .u32(0)
      .u16(1) // frame_count per sample
      .zeros(32) // compressorname
      .u16(0x18) // depth
      .i16(-1)
      .finish(),
    avcC,
  );
  return fullBox('stsd', 0, 0, new ByteWriter().u32(1).finish(), avc1);
}

function buildStts(samples: readonly Mp4Sample[]): Uint8Array {
  const runs: [count: number, delta: number][] = [];
  for (const { duration } of samples) {
    const last = runs[runs.length - 1];
    if (last && last[1] === duration) last[0]++;
    else runs.push([1, duration]);
  }
  const writer = new ByteWriter().u32(runs.length);
  for (const [count, delta] of runs) writer.u32(count).u32(delta);
  return fullBox('stts', 0, 0, writer.finish());
}

function buildStss(samples: readonly Mp4Sample[]): Uint8Array {
  const sync = samples.flatMap((sample, index) => (sample.sync ? [index + 1] : []));
  const writer = new ByteWriter().u32(sync.length);
  for (const number of sync) writer.u32(number);
  return fullBox('stss', 0, 0, writer.finish());
}

function buildStsz(sampleSizes: number[]): Uint8Array {
  const writer = new ByteWriter(12 + sampleSizes.length * 4).u32(0).u32(sampleSizes.length);
  for (const size of sampleSizes) writer.u32(size);
  return fullBox('stsz', 0, 0, writer.finish());
}
