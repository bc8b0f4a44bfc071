// Byte class tables: one load per byte tells the hot loops whether a byte needs attention.

/** Text: 0 = plain byte (consume and go on); anything else is examined. */
export const TEXT_CLASS: usize = memory.data(256);
/** Attribute value: 0 = plain byte. */
export const VALUE_CLASS: usize = memory.data(256);
/** 1 = ASCII NameStartChar, 2 = ASCII NameChar only, 0 = neither. */
export const NAME_CLASS: usize = memory.data(256);

function initTables(): void {
  for (let c = 0; c < 256; c++) {
    const control = c < 0x20 && c != 0x9 && c != 0xa;
    const text = control || c >= 0x80 || c == 0x3c /* < */ || c == 0x26 /* & */ || c == 0x3e /* > */;
    store<u8>(TEXT_CLASS + c, text ? 1 : 0);
    const value = c < 0x20 || c >= 0x80 || c == 0x3c || c == 0x26 || c == 0x22 /* " */ || c == 0x27; /* ' */
    store<u8>(VALUE_CLASS + c, value ? 1 : 0);
    let name = 0;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c == 0x3a) name = 1;
    else if ((c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x2e) name = 2;
    store<u8>(NAME_CLASS + c, name);
  }
}
initTables();

// @ts-ignore: decorator
@inline export function isSpace(c: u32): bool {
  return c == 0x20 || c == 0xa || c == 0x9 || c == 0xd;
}
