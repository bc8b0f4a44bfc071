// Generated from assembly/parser/contract.ts by tools/gen-contracts.mjs: do not edit (npm run gen:contracts).
// The tape: what one lex() call hands back to the TypeScript side. Every record is four i32
// words: [head, a, b, c], the head packing kind | flags << 8 | symbol slot << 16. Offsets marked u16 are UTF-16 code unit offsets from the
// start of the window, so the binding slices names and values out of one decoded string per
// segment instead of calling TextDecoder per token. Generated into
// bindings/parser/contract.generated.ts by tools/gen-contracts.mjs: this file holds only comments
// and integer constants.

/** Bytes of one record, as a shift: four i32 words. */
export const RECORD_SHIFT = 4;
/** i32 words of one record. */
export const RECORD_WORDS = 4;
/** A record's kind: head & HEAD_KIND_MASK. */
export const HEAD_KIND_MASK = 255;
/** A record's flags: (head >>> HEAD_FLAGS_SHIFT) & HEAD_FLAGS_MASK. */
export const HEAD_FLAGS_SHIFT = 8;
export const HEAD_FLAGS_MASK = 255;
/** A record's 1-based symbol slot (0: none): head >>> HEAD_SYMBOL_SHIFT. */
export const HEAD_SYMBOL_SHIFT = 16;

/**
 * A decode range: a = byte start, b = byte end and c = UTF-16 end (both patched when the segment
 * ends; c holds the UTF-16 start until then). FLAG_UTF16 marks a segment with non-ASCII bytes,
 * whose UTF-16 the lexer wrote at S_UTF16_PTR + 2 × (UTF-16 offset).
 */
export const KIND_SEGMENT = 1;
/** Start tag: a/b = u16 name range, c = byte offset of '<'. */
export const KIND_OPEN = 2;
/** Attribute name: a/b = u16 name range, c = byte offset of the name. */
export const KIND_ATTR = 3;
/** Attribute value between the quotes: a/b = u16 range, c = byte offset of the quote. */
export const KIND_VALUE = 4;
/** '>' or '/>' of a start tag: a = byte offset after it. */
export const KIND_OPEN_END = 5;
/** End tag: a/b = u16 name range, c = byte offset of '<'. */
export const KIND_CLOSE = 6;
/** Character data: a/b = u16 range (references left in place), c = byte offset. */
export const KIND_TEXT = 7;
/** CDATA section content (or a piece of it): a/b = u16 range, c = byte offset. */
export const KIND_CDATA = 8;
/** XML declaration: a/b = u16 range of what stands between '<?xml' and '?>', c = byte offset. */
export const KIND_XMLDECL = 9;

/** Name has a colon (a prefix). */
export const FLAG_COLON = 1;
/** On a SEGMENT record: its UTF-16 is in the UTF-16 buffer (it holds non-ASCII text). */
export const FLAG_UTF16 = 1;
/** Attribute name is xmlns or xmlns:*. */
export const FLAG_XMLNS = 2;
/** Value or text holds entity or character references to decode. */
export const FLAG_REFS = 4;
/** Text holds a raw CR (line ends to normalize). */
export const FLAG_CR = 8;
/** Attribute value holds raw TAB, LF or CR (attribute value normalization). */
export const FLAG_WS = 16;
/** Start tag ended with '/>'. */
export const FLAG_SELF_CLOSING = 32;
/** The record's symbol slot was (re)filled by this record: the binding must slice its string. */
export const FLAG_NEW_SYMBOL = 64;
/** Attribute name is xmlns:* (a prefix declaration, which needs a scope). */
export const FLAG_XMLNS_PREFIX = 128;

// Symbols: names, namespace URIs and short attribute values repeat all the time, so the lexer
// keeps a direct-mapped cache of their bytes and puts the slot number (1-based) in the top 16
// bits of word 0; the binding keeps one string per slot, so a hit costs no slice and attribute
// keys arrive already internalized.
export const SYMBOL_SLOTS = 4096;
/** Longest symbol, in bytes (a slot is 64 bytes: the length, then the bytes): namespace URIs fit. */
export const SYMBOL_BYTES = 60;
/** log2 of a slot's size in bytes. */
export const SYMBOL_SLOT_SHIFT = 6;
/** A slot's first word (the length) when the slot holds nothing: no length matches it. */
export const SYMBOL_EMPTY = -1;
/**
 * The longest short string: V8 copies strings this short instead of slicing their parent (it
 * slices from 13 characters), so attribute values this short are symbols (cached) and the
 * binding makes short ASCII strings from their bytes, and detaches longer ones it keeps.
 */
export const SHORT_STRING_MAX = 12;
/** Attributes of one start tag the lexer checks for duplicates (the binding checks any beyond). */
export const MAX_TRACKED_ATTRS = 1024;

// State block: i32 slots shared with the binding.
export const STATE_SLOTS = 32;
export const S_IN_PTR = 0;
export const S_TAPE_PTR = 1;
export const S_TAPE_CAP = 2;
export const S_LEN = 3;
export const S_FINAL = 4;
export const S_DEPTH = 5;
export const S_FLAGS = 6;
export const S_CONSUMED = 7;
export const S_ERROR = 8;
export const S_ERROR_POS = 9;
export const S_MAX_DEPTH = 10;
export const S_MAX_ATTRS = 11;
export const S_MAX_NAME = 12;
export const S_COUNT = 13;
export const S_SEG_DEPTH = 14;
export const S_MAX_SEGMENT = 15;
export const S_SEG_BUDGET = 16;
/**
 * 1 when the call stopped before the window's end and wants to be called again from S_CONSUMED:
 * the tape filled up, or a stanza ended where a new stream may start (a stream header or an XML
 * declaration follows), so that a reset() from the stanza's listener finds those bytes unlexed.
 */
export const S_PAUSED = 17;
/**
 * When the window ends inside a token: -1 if any further byte may let it progress, else the byte
 * value nothing before which can (the closing quote of a value, '>' of a tag or of the XML
 * declaration, ';' of a reference in text). The binding appends chunks without that byte to the
 * carry without lexing them (following a start tag's quotes: '>' counts only outside values),
 * so a token dripped byte by byte costs linear time; errors inside it are found when the byte
 * arrives, at the same offsets.
 */
export const S_WAIT = 18;
export const WAIT_ANY = -1;
/** The UTF-16 image of the window's non-ASCII segments (twice the input capacity, after the tape). */
export const S_UTF16_PTR = 19;

// Stream flags kept between calls.
export const SF_IN_SEGMENT = 1;
export const SF_IN_CDATA = 2;
export const SF_ROOT_CLOSED = 4;
export const SF_AT_START = 8;
/** Set once a UTF-8 BOM was skipped, so a second one is not. */
export const SF_BOM_DONE = 16;

// Errors: condition | reason << ERROR_REASON_SHIFT in S_ERROR, at byte S_ERROR_POS of the window.
export const ERROR_CONDITION_MASK = 255;
export const ERROR_REASON_SHIFT = 8;
export const C_NOT_WELL_FORMED = 1;
export const C_RESTRICTED_XML = 2;
export const C_UNSUPPORTED_ENCODING = 3;
export const C_POLICY_VIOLATION = 4;

export const R_BAD_UTF8 = 1;
export const R_UTF16 = 2;
export const R_ILLEGAL_CHAR = 3;
export const R_COMMENT = 4;
export const R_PI = 5;
export const R_DOCTYPE = 6;
export const R_ENTITY = 7;
export const R_BAD_NAME = 8;
export const R_BAD_COLON = 9;
export const R_EXPECTED_EQ = 10;
export const R_EXPECTED_QUOTE = 11;
export const R_LT_IN_ATTR = 12;
export const R_BAD_TAG = 13;
export const R_CDATA_END_IN_TEXT = 14;
export const R_BAD_REF = 15;
export const R_BAD_CHARREF = 16;
export const R_TEXT_AT_TOP = 17;
export const R_AFTER_ROOT = 18;
export const R_XML_DECL_NOT_FIRST = 19;
export const R_BAD_MARKUP = 20;
export const R_TRUNCATED = 21;
export const R_DEPTH = 22;
export const R_ATTRS = 23;
export const R_NAME_LENGTH = 24;
export const R_SEGMENT_SIZE = 25;
export const R_CLOSE_AT_TOP = 26;
export const R_BAD_DECL = 27;
export const R_DUPLICATE_ATTR = 28;
