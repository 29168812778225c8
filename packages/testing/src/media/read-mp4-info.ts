import { BoxFields, childBoxes, fourCc, type Mp4Box, readBoxes } from './mp4-box-reader';

export type Mp4Info = {
  /** Major brand first, then the compatible brands, without repeats. */
  brands: string[];
  /** Display size of the video track (tkhd), 0 when there is none. */
  width: number;
  height: number;
  durationSeconds: number;
  /** RFC 6381 style, e.g. `avc1.42C01F`; the bare sample entry type for codecs other than AVC. */
  codec: string;
  frameCount: number;
  /** false for a file without a movie box (e.g. one cut off before it); the track fields are then empty. */
  hasMoov: boolean;
  /** Top-level box types in file order, e.g. `['ftyp', 'moov', 'mdat']`. */
  boxes: string[];
  /** The first sound track (`soun` handler), or `undefined` for a silent file. */
  audio: Mp4AudioInfo | undefined;
};

export type Mp4AudioInfo = {
  /** The sample entry type: `fLaC`, `mp4a`, `Opus`. */
  codec: string;
  sampleRate: number;
  channels: number;
  /** From the track's media header. */
  durationSeconds: number;
  sampleCount: number;
};

/** Sample entry types of the audio codecs players take in MP4. */
const AUDIO_SAMPLE_ENTRIES = new Set(['fLaC', 'mp4a', 'Opus', 'ac-3', 'ec-3', '.mp3', 'ipcm', 'lpcm']);

/** Sample entry header fields before the child boxes (ISO/IEC 14496-12 VisualSampleEntry). */
const VISUAL_SAMPLE_ENTRY_SIZE = 78;

/** Walks the box tree of an MP4 and reports what a player would see. Throws on truncated or non-MP4 input. */
export function readMp4Info(bytes: Uint8Array): Mp4Info {
  if (bytes.length < 8) throw new Error(`Not an MP4 file: only ${bytes.length} bytes`);
  const first = fourCc(bytes, 4);
  if (first !== 'ftyp') {
    throw new Error(`Not an MP4 file: expected an "ftyp" box at offset 0, found ${JSON.stringify(first)}`);
  }
  const top = readBoxes(bytes, 0, bytes.length);
  const ftyp = top[0]!;
  const info: Mp4Info = {
    brands: readBrands(bytes, ftyp),
    width: 0,
    height: 0,
    durationSeconds: 0,
    codec: '',
    frameCount: 0,
    hasMoov: false,
    boxes: top.map((box) => box.type),
    audio: undefined,
  };
  const moov = top.find((box) => box.type === 'moov');
  if (!moov) return info;
  info.hasMoov = true;

  const moovChildren = childBoxes(bytes, moov);
  const mvhd = findChild(moovChildren, 'mvhd', moov);
  const movie = readTimescaleAndDuration(new BoxFields(bytes, mvhd));
  const tracks = moovChildren.filter((box) => box.type === 'trak').map((trak) => readTrack(bytes, trak));
  const track = tracks.find((candidate) => candidate.handler === 'vide') ?? tracks[0];

  const movieSeconds = movie.timescale > 0 ? movie.duration / movie.timescale : 0;
  info.durationSeconds = movieSeconds > 0 ? movieSeconds : (track?.durationSeconds ?? 0);
  if (track) {
    info.width = track.width;
    info.height = track.height;
    info.codec = track.codec;
    info.frameCount = track.frameCount;
  }
  const sound = tracks.find((candidate) => candidate.handler === 'soun');
  if (sound) {
    info.audio = {
      codec: sound.codec,
      sampleRate: sound.sampleRate,
      channels: sound.channels,
      durationSeconds: sound.durationSeconds,
      sampleCount: sound.frameCount,
    };
  }
  return info;
}

type TrackInfo = {
  handler: string;
  width: number;
  height: number;
  durationSeconds: number;
  codec: string;
  frameCount: number;
  sampleRate: number;
  channels: number;
};

function readTrack(bytes: Uint8Array, trak: Mp4Box): TrackInfo {
  const trakChildren = childBoxes(bytes, trak);
  const tkhd = new BoxFields(bytes, findChild(trakChildren, 'tkhd', trak));
  const sizeOffset = tkhd.version === 1 ? 88 : 76;
  const mdia = findChild(trakChildren, 'mdia', trak);
  const mdiaChildren = childBoxes(bytes, mdia);
  const media = readTimescaleAndDuration(new BoxFields(bytes, findChild(mdiaChildren, 'mdhd', mdia)));
  const hdlr = mdiaChildren.find((box) => box.type === 'hdlr');
  const minf = findChild(mdiaChildren, 'minf', mdia);
  const stbl = findChild(childBoxes(bytes, minf), 'stbl', minf);
  const stblChildren = childBoxes(bytes, stbl);
  const stsz = stblChildren.find((box) => box.type === 'stsz' || box.type === 'stz2');
  const sampleEntry = readSampleEntry(bytes, findChild(stblChildren, 'stsd', stbl));

  // tkhd sizes are 16.16 fixed point; fall back to the sample entry when a muxer left them zero.
  const width = Math.round(tkhd.u32(sizeOffset) / 0x10000) || sampleEntry.width;
  const height = Math.round(tkhd.u32(sizeOffset + 4) / 0x10000) || sampleEntry.height;
  return {
    handler: hdlr ? new BoxFields(bytes, hdlr).fourCc(8) : '',
    width,
    height,
    durationSeconds: media.timescale > 0 ? media.duration / media.timescale : 0,
    codec: sampleEntry.codec,
    frameCount: stsz ? new BoxFields(bytes, stsz).u32(8) : 0,
    sampleRate: sampleEntry.sampleRate || media.timescale,
    channels: sampleEntry.channels,
  };
}

type SampleEntry = { codec: string; width: number; height: number; sampleRate: number; channels: number };

function readSampleEntry(bytes: Uint8Array, stsd: Mp4Box): SampleEntry {
  const entry = childBoxes(bytes, stsd, 8)[0];
  const none = { width: 0, height: 0, sampleRate: 0, channels: 0 };
  if (!entry) return { codec: '', ...none };
  if (AUDIO_SAMPLE_ENTRIES.has(entry.type)) {
    // AudioSampleEntry: channelcount at 16, samplerate (16.16 fixed point) at 24.
    const fields = new BoxFields(bytes, entry);
    return { ...none, codec: entry.type, channels: fields.u16(16), sampleRate: fields.u32(24) >>> 16 };
  }
  if (entry.type !== 'avc1' && entry.type !== 'avc3') return { codec: entry.type, ...none };

  const fields = new BoxFields(bytes, entry);
  const avcC = childBoxes(bytes, entry, VISUAL_SAMPLE_ENTRY_SIZE).find((box) => box.type === 'avcC');
  let codec = entry.type;
  if (avcC) {
    const config = new BoxFields(bytes, avcC);
    codec += `.${[1, 2, 3].map((offset) => hex(config.u8(offset))).join('')}`;
  }
  return { ...none, codec, width: fields.u16(24), height: fields.u16(26) };
}

function readBrands(bytes: Uint8Array, ftyp: Mp4Box): string[] {
  const fields = new BoxFields(bytes, ftyp);
  const brands = [fields.fourCc(0)];
  for (let offset = 8; offset + 4 <= fields.size; offset += 4) brands.push(fields.fourCc(offset));
  return [...new Set(brands)];
}

/** mvhd and mdhd share this layout: version 1 widens the times and duration to 64 bits. */
function readTimescaleAndDuration(fields: BoxFields): { timescale: number; duration: number } {
  return fields.version === 1
    ? { timescale: fields.u32(20), duration: fields.u64(24) }
    : { timescale: fields.u32(12), duration: fields.u32(16) };
}

function findChild(boxes: Mp4Box[], type: string, parent: Mp4Box): Mp4Box {
  const found = boxes.find((box) => box.type === type);
  if (!found)
    throw new Error(`Malformed MP4: "${parent.type}" at offset ${parent.start} has no "${type}" box`);
  return found;
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
