// Hangul syllable algorithm constants (UAX #15 §16), shared by the normalizers.
export const S_BASE: u32 = 0xac00;
export const L_BASE: u32 = 0x1100;
export const V_BASE: u32 = 0x1161;
export const T_BASE: u32 = 0x11a7;
export const L_COUNT: u32 = 19;
export const V_COUNT: u32 = 21;
export const T_COUNT: u32 = 28;
export const N_COUNT: u32 = V_COUNT * T_COUNT;
export const S_COUNT: u32 = L_COUNT * N_COUNT;

/** composeHangul()'s result when `first` is neither a leading jamo nor an LV syllable. */
export const NOT_HANGUL: i32 = -2;

/**
 * The Hangul syllable that (first, second) compose to by algorithm: an LV syllable from L + V, an
 * LVT syllable from LV + T; -1 when they do not compose, NOT_HANGUL when the tables decide.
 */
// @ts-ignore: decorator
@inline
export function composeHangul(first: u32, second: u32): i32 {
  const l = first - L_BASE;
  if (l < L_COUNT) {
    const v = second - V_BASE;
    return v < V_COUNT ? <i32>(S_BASE + (l * V_COUNT + v) * T_COUNT) : -1;
  }
  const s = first - S_BASE;
  if (s < S_COUNT && s % T_COUNT == 0) {
    const t = second - T_BASE;
    return t > 0 && t < T_COUNT ? <i32>(first + t) : -1;
  }
  return NOT_HANGUL;
}
