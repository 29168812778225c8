import type { BitWriter } from './bit-writer';

/** Samples of one macroblock in 4:2:0: 256 Y, then 64 Cb, then 64 Cr, each in raster order. */
export const MACROBLOCK_BYTES = 384;

/** Intra 16x16 modes that copy a neighbour's edge; with no residual they reproduce a flat block exactly. */
export type EdgePrediction = 'horizontal' | 'vertical';

// P slices number intra mb_types after the 5 inter ones (Table 7-13 / 7-14).
const P_SLICE_INTRA_OFFSET = 5;
const MB_I_PCM = 25;
const MB_I16X16 = { vertical: 1, horizontal: 2 } as const;
const CHROMA_PREDICTION = { horizontal: 1, vertical: 2 } as const;
/** I_PCM macroblocks count as 16 coefficients for a neighbour's coeff_token context (9.2.1). */
export const PCM_COEFFICIENT_COUNT = 16;

/**
 * How to predict `block` from the already reconstructed macroblocks to its left and above, or undefined when
 * it is not flat or neither neighbour's touching edge has exactly its colour.
 */
export function edgePrediction(
  block: Uint8Array,
  left: Uint8Array | undefined,
  top: Uint8Array | undefined,
): EdgePrediction | undefined {
  if (!isFlat(block)) return undefined;
  const y = block[0]!;
  const cb = block[256]!;
  const cr = block[320]!;
  if (left && edgeMatches(left, 15, 16, 7, 8, y, cb, cr)) return 'horizontal';
  if (top && edgeMatches(top, 240, 1, 56, 1, y, cb, cr)) return 'vertical';
  return undefined;
}

function isFlat(block: Uint8Array): boolean {
  const y = block[0];
  const cb = block[256];
  const cr = block[320];
  for (let index = 1; index < 256; index++) if (block[index] !== y) return false;
  for (let index = 0; index < 64; index++) {
    if (block[256 + index] !== cb || block[320 + index] !== cr) return false;
  }
  return true;
}

/** Checks 16 luma and 8 chroma samples starting at the given offsets and strides. */
function edgeMatches(
  block: Uint8Array,
  lumaStart: number,
  lumaStride: number,
  chromaStart: number,
  chromaStride: number,
  y: number,
  cb: number,
  cr: number,
): boolean {
  for (let index = 0; index < 16; index++) if (block[lumaStart + index * lumaStride] !== y) return false;
  for (let index = 0; index < 8; index++) {
    const at = chromaStart + index * chromaStride;
    if (block[256 + at] !== cb || block[320 + at] !== cr) return false;
  }
  return true;
}

export function writePcmMacroblock(w: BitWriter, inPSlice: boolean, samples: Uint8Array): void {
  w.ue(MB_I_PCM + (inPSlice ? P_SLICE_INTRA_OFFSET : 0));
  w.alignWithZeros(); // pcm_alignment_zero_bit
  w.bytes(samples);
}

/**
 * An Intra 16x16 macroblock with coded_block_pattern 0. `nC` is the coeff_token context of luma block 0,
 * from the left and upper neighbours; the always-present DC block is then coded as empty.
 */
export function writeEdgePredictedMacroblock(
  w: BitWriter,
  inPSlice: boolean,
  prediction: EdgePrediction,
  nC: number,
): void {
  w.ue(MB_I16X16[prediction] + (inPSlice ? P_SLICE_INTRA_OFFSET : 0));
  w.ue(CHROMA_PREDICTION[prediction]);
  w.se(0); // mb_qp_delta
  // coeff_token for TotalCoeff = 0 by nC range (Table 9-5).
  if (nC < 2) w.u(1, 0b1);
  else if (nC < 4) w.u(2, 0b11);
  else if (nC < 8) w.u(4, 0b1111);
  else w.u(6, 0b000011);
}
