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
