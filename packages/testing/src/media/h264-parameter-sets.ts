import { BitWriter } from './bit-writer';

/** Constrained Baseline: profile_idc 66 with constraint_set0_flag and constraint_set1_flag. */
export const PROFILE_IDC = 66;
export const PROFILE_COMPATIBILITY = 0xc0;

export type SequenceShape = {
  width: number;
  height: number;
  fps: number;
  widthInMbs: number;
  heightInMbs: number;
  log2MaxFrameNum: number;
  levelIdc: number;
  /** false when the last sample is shorter than the rest, so the stream does not claim a fixed rate. */
  fixedFrameRate: boolean;
};

// [level_idc, MaxMBPS, MaxFS] from Table A-1. Starts at 3.0: lower levels' bit-rate caps are far below
// what raw I_PCM macroblocks need, and every decoder handles 3.0.
const LEVELS: readonly (readonly [number, number, number])[] = [
  [30, 40_500, 1_620],
  [31, 108_000, 3_600],
  [32, 216_000, 5_120],
  [40, 245_760, 8_192],
  [42, 522_240, 8_704],
  [50, 589_824, 22_080],
  [51, 983_040, 36_864],
  [52, 2_073_600, 36_864],
  [60, 4_177_920, 139_264],
];

/** The lowest level whose frame size, frame dimensions and macroblock rate all fit. */
export function chooseLevelIdc(widthInMbs: number, heightInMbs: number, fps: number): number {
  const frameSize = widthInMbs * heightInMbs;
  for (const [levelIdc, maxMbps, maxFs] of LEVELS) {
    const maxDimension = Math.sqrt(maxFs * 8);
    if (
      frameSize <= maxFs &&
      widthInMbs <= maxDimension &&
      heightInMbs <= maxDimension &&
      frameSize * fps <= maxMbps
    ) {
      return levelIdc;
    }
  }
  return 60;
}

export function writeSps(shape: SequenceShape): Uint8Array {
  const w = new BitWriter(64);
  w.u(8, PROFILE_IDC);
  w.u(8, PROFILE_COMPATIBILITY);
  w.u(8, shape.levelIdc);
  w.ue(0); // seq_parameter_set_id
  w.ue(shape.log2MaxFrameNum - 4);
  w.ue(2); // pic_order_cnt_type 2: output order = decode order, no POC fields in slice headers
  w.ue(1); // max_num_ref_frames
  w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
  w.ue(shape.widthInMbs - 1);
  w.ue(shape.heightInMbs - 1);
  w.u(1, 1); // frame_mbs_only_flag
  w.u(1, 1); // direct_8x8_inference_flag

  // Crop units are 2 luma samples in 4:2:0, which is why width and height must be even.
  const cropRight = (shape.widthInMbs * 16 - shape.width) / 2;
  const cropBottom = (shape.heightInMbs * 16 - shape.height) / 2;
  const cropping = cropRight > 0 || cropBottom > 0;
  w.u(1, cropping ? 1 : 0);
  if (cropping) {
    w.ue(0);
    w.ue(cropRight);
    w.ue(0);
    w.ue(cropBottom);
  }

  w.u(1, 1); // vui_parameters_present_flag
  writeVui(w, shape);
  w.trailingBits();
  return w.finish();
}

function writeVui(w: BitWriter, shape: SequenceShape): void {
  w.u(1, 0); // aspect_ratio_info_present_flag (square pixels is the default)
  w.u(1, 0); // overscan_info_present_flag
  w.u(1, 1); // video_signal_type_present_flag
  w.u(3, 5); // video_format: unspecified
  w.u(1, 0); // video_full_range_flag: limited range
  w.u(1, 1); // colour_description_present_flag
  w.u(8, 1); // colour_primaries: BT.709
  w.u(8, 1); // transfer_characteristics: BT.709
  w.u(8, 1); // matrix_coefficients: BT.709
  w.u(1, 0); // chroma_loc_info_present_flag
  w.u(1, 1); // timing_info_present_flag
  w.u(32, 1); // num_units_in_tick
  w.u(32, shape.fps * 2); // time_scale: two ticks per frame
  w.u(1, shape.fixedFrameRate ? 1 : 0);
  w.u(1, 0); // nal_hrd_parameters_present_flag
  w.u(1, 0); // vcl_hrd_parameters_present_flag
  w.u(1, 0); // pic_struct_present_flag
  // bitstream_restriction lets decoders output each frame immediately instead of guessing a reorder depth.
  w.u(1, 1);
  w.u(1, 1); // motion_vectors_over_pic_boundaries_flag
  w.ue(0); // max_bytes_per_pic_denom
  w.ue(0); // max_bits_per_mb_denom
  w.ue(15); // log2_max_mv_length_horizontal
  w.ue(15); // log2_max_mv_length_vertical
  w.ue(0); // max_num_reorder_frames
  w.ue(1); // max_dec_frame_buffering
}

export function writePps(): Uint8Array {
  const w = new BitWriter(16);
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.u(1, 0); // entropy_coding_mode_flag: CAVLC
  w.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.u(1, 0); // weighted_pred_flag
  w.u(2, 0); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.u(1, 1); // deblocking_filter_control_present_flag, so slices can switch the filter off
  w.u(1, 0); // constrained_intra_pred_flag
  w.u(1, 0); // redundant_pic_cnt_present_flag
  w.trailingBits();
  return w.finish();
}
