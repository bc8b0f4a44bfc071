// UTF-8 → UTF-16 transcoding of a stanza's bytes, for the binding to slice strings from.

import { input } from './window';

/** Writes the UTF-16 of input bytes [from, to) (UTF-8 the lexer validated) at `out`. */
export function transcodeInto(from: i32, to: i32, out: usize): void {
  const src = input;
  let q = out;
  let p = from;
  while (p < to) {
    if (p + 16 <= to) {
      const v = v128.load(src + <usize>p);
      if (i8x16.bitmask(v) == 0) {
        v128.store(q, i16x8.extend_low_i8x16_u(v));
        v128.store(q, i16x8.extend_high_i8x16_u(v), 16);
        p += 16;
        q += 32;
        continue;
      }
    }
    const c = <u32>load<u8>(src + <usize>p);
    if (c < 0x80) {
      store<u16>(q, <u16>c);
      q += 2;
      p++;
    } else if (c < 0xe0) {
      store<u16>(q, <u16>(((c & 0x1f) << 6) | (<u32>load<u8>(src + <usize>p + 1) & 0x3f)));
      q += 2;
      p += 2;
    } else if (c < 0xf0) {
      store<u16>(q, <u16>(((c & 0x0f) << 12) | ((<u32>load<u8>(src + <usize>p + 1) & 0x3f) << 6) | (<u32>load<u8>(src + <usize>p + 2) & 0x3f)));
      q += 2;
      p += 3;
    } else {
      const cp = (((c & 0x07) << 18) | ((<u32>load<u8>(src + <usize>p + 1) & 0x3f) << 12)
        | ((<u32>load<u8>(src + <usize>p + 2) & 0x3f) << 6) | (<u32>load<u8>(src + <usize>p + 3) & 0x3f)) - 0x10000;
      store<u16>(q, <u16>(0xd800 + (cp >> 10)));
      store<u16>(q, <u16>(0xdc00 + (cp & 0x3ff)), 2);
      q += 4;
      p += 4;
    }
  }
}
