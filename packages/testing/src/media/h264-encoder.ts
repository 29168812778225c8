import { BitWriter, rbspToNalPayload } from './bit-writer';
import type { Yuv } from './colour';
import {
  edgePrediction,
  MACROBLOCK_BYTES,
  PCM_COEFFICIENT_COUNT,
  writeEdgePredictedMacroblock,
  writePcmMacroblock,
} from './h264-macroblock';
import {
  chooseLevelIdc,
  PROFILE_COMPATIBILITY,
  PROFILE_IDC,
  type SequenceShape,
  writePps,
  writeSps,
} from './h264-parameter-sets';

/** Picture content, supplied one 16×16 macroblock at a time. */
export interface MacroblockSource {
  readonly background: Yuv;
  /**
   * Addresses (mbY * widthInMbs + mbX) that may hold something other than plain background (frame 0) or may
   * differ from the previous frame (later frames). Everything else must be background / unchanged.
   */
  candidates(frame: number): Iterable<number>;
  paint(frame: number, mbX: number, mbY: number, out: Uint8Array): void;
}

export type H264EncodeOptions = {
  width: number;
  height: number;
  fps: number;
  frameCount: number;
  fixedFrameRate: boolean;
  source: MacroblockSource;
};

export type H264Stream = {
  /** NAL units without start codes or length prefixes. */
  sps: Uint8Array;
  pps: Uint8Array;
  /** One NAL unit per frame; frame 0 is the only IDR picture. */
  frames: Uint8Array[];
  profileIdc: number;
  profileCompatibility: number;
  levelIdc: number;
};

const NAL_SLICE = 1;
const NAL_IDR = 5;
const NAL_SPS = 7;
const NAL_PPS = 8;
const SLICE_P = 5;
const SLICE_I = 7;

/**
 * Constrained Baseline / CAVLC without any transform coding. Frame 0 is an I slice; later frames are P slices
 * of P_Skip runs around the macroblocks that changed. Every coded macroblock is either flat and predicted
 * from a neighbour's edge (Intra 16x16, no residual, a few bits) or sent raw as I_PCM. No macroblock carries a
 * motion vector, so each P_Skip predicts a zero vector and copies its co-located macroblock exactly, and with
 * the deblocking filter off the decoded picture is bit-exact with what the source painted.
 */
export function encodeH264(options: H264EncodeOptions): H264Stream {
  const { width, height, fps, frameCount, source } = options;
  const widthInMbs = Math.ceil(width / 16);
  const heightInMbs = Math.ceil(height / 16);
  const shape: SequenceShape = {
    width,
    height,
    fps,
    widthInMbs,
    heightInMbs,
    log2MaxFrameNum: Math.min(16, Math.max(4, Math.ceil(Math.log2(frameCount + 1)))),
    levelIdc: chooseLevelIdc(widthInMbs, heightInMbs, fps),
    fixedFrameRate: options.fixedFrameRate,
  };
  const layout = new MacroblockLayout(widthInMbs, heightInMbs, source);

  const frames: Uint8Array[] = [];
  for (let frame = 0; frame < frameCount; frame++) {
    const rbsp = encodeFrame(shape, layout, frame);
    frames.push(frame === 0 ? nalUnit(3, NAL_IDR, rbsp) : nalUnit(2, NAL_SLICE, rbsp));
  }
  return {
    sps: nalUnit(3, NAL_SPS, writeSps(shape)),
    pps: nalUnit(3, NAL_PPS, writePps()),
    frames,
    profileIdc: PROFILE_IDC,
    profileCompatibility: PROFILE_COMPATIBILITY,
    levelIdc: shape.levelIdc,
  };
}

function nalUnit(nalRefIdc: number, nalUnitType: number, rbsp: Uint8Array): Uint8Array {
  const payload = rbspToNalPayload(rbsp);
  const nal = new Uint8Array(payload.length + 1);
  nal[0] = (nalRefIdc << 5) | nalUnitType;
  nal.set(payload, 1);
  return nal;
}

/** Paints macroblocks through the source. */
class MacroblockLayout {
  readonly total: number;
  readonly backgroundBlock = new Uint8Array(MACROBLOCK_BYTES);

  constructor(
    readonly widthInMbs: number,
    readonly heightInMbs: number,
    private readonly source: MacroblockSource,
  ) {
    this.total = widthInMbs * heightInMbs;
    const { y, cb, cr } = source.background;
    this.backgroundBlock.fill(y, 0, 256).fill(cb, 256, 320).fill(cr, 320, 384);
  }

  /**
   * Macroblocks of `frame` that differ from plain background (frame 0) or from frame-1, with their samples,
   * in raster order.
   */
  changed(frame: number): Map<number, Uint8Array> {
    const addresses = new Set<number>();
    for (const address of this.source.candidates(frame)) {
      if (address >= 0 && address < this.total) addresses.add(address);
    }
    const previous = new Uint8Array(MACROBLOCK_BYTES);
    const changed = new Map<number, Uint8Array>();
    for (const address of [...addresses].sort((a, b) => a - b)) {
      const current = this.paint(frame, address);
      const reference = frame === 0 ? this.backgroundBlock : this.paint(frame - 1, address, previous);
      if (!sameBytes(current, reference)) changed.set(address, current);
    }
    return changed;
  }

  paint(frame: number, address: number, out = new Uint8Array(MACROBLOCK_BYTES)): Uint8Array {
    this.source.paint(frame, address % this.widthInMbs, Math.floor(address / this.widthInMbs), out);
    return out;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function writeSliceHeader(w: BitWriter, shape: SequenceShape, frame: number): void {
  const idr = frame === 0;
  w.ue(0); // first_mb_in_slice
  w.ue(idr ? SLICE_I : SLICE_P);
  w.ue(0); // pic_parameter_set_id
  w.u(shape.log2MaxFrameNum, frame % 2 ** shape.log2MaxFrameNum); // frame_num
  if (idr) w.ue(0); // idr_pic_id
  if (!idr) {
    w.u(1, 0); // num_ref_idx_active_override_flag
    w.u(1, 0); // ref_pic_list_modification_flag_l0
  }
  // dec_ref_pic_marking()
  if (idr) {
    w.u(1, 0); // no_output_of_prior_pics_flag
    w.u(1, 0); // long_term_reference_flag
  } else {
    w.u(1, 0); // adaptive_ref_pic_marking_mode_flag: sliding window
  }
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: keeps reconstruction bit-exact with what was painted
}

/**
 * Frame 0 codes every macroblock (an I slice cannot skip); later frames code only the changed ones, with
 * mb_skip_run counting the P_Skip macroblocks in between.
 */
function encodeFrame(shape: SequenceShape, layout: MacroblockLayout, frame: number): Uint8Array {
  const { widthInMbs, total, backgroundBlock } = layout;
  const inPSlice = frame > 0;
  const changed = layout.changed(frame);
  // What the decoder holds for this frame so far: coded macroblocks plus everything unchanged.
  const reconstructed = (address: number): Uint8Array =>
    changed.get(address) ?? (inPSlice ? layout.paint(frame, address) : backgroundBlock);
  const isPcm = new Set<number>();

  const w = new BitWriter(1024 + (inPSlice ? 0 : total) + changed.size * (MACROBLOCK_BYTES + 8));
  writeSliceHeader(w, shape, frame);
  const coded = inPSlice ? changed.keys() : Array.from({ length: total }, (_, address) => address);
  let next = 0;
  for (const address of coded) {
    if (inPSlice) w.ue(address - next); // mb_skip_run
    next = address + 1;
    const block = changed.get(address) ?? backgroundBlock;
    const hasLeft = address % widthInMbs > 0;
    const hasTop = address >= widthInMbs;
    const prediction = edgePrediction(
      block,
      hasLeft ? reconstructed(address - 1) : undefined,
      hasTop ? reconstructed(address - widthInMbs) : undefined,
    );
    if (!prediction) {
      writePcmMacroblock(w, inPSlice, block);
      isPcm.add(address);
      continue;
    }
    // P_Skip and coefficient-free Intra 16x16 neighbours count as 0 coefficients, I_PCM as 16.
    const nA = hasLeft ? (isPcm.has(address - 1) ? PCM_COEFFICIENT_COUNT : 0) : -1;
    const nB = hasTop ? (isPcm.has(address - widthInMbs) ? PCM_COEFFICIENT_COUNT : 0) : -1;
    const nC = nA >= 0 && nB >= 0 ? (nA + nB + 1) >> 1 : Math.max(nA, nB, 0);
    writeEdgePredictedMacroblock(w, inPSlice, prediction, nC);
  }
  if (inPSlice && next < total) w.ue(total - next);
  w.trailingBits();
  return w.finish();
}
