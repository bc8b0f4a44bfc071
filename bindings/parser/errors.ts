// Stream errors: RFC 6120 §4.9.3 conditions, with a human text and the byte offset in the stream.
import * as T from './contract.generated.js';
import type { StreamErrorCondition } from '../stanza/conditions.js';
import { streamError, type StreamErrorOptions } from '../stanza/stream-error.js';
import type { Element } from '../xml/element.js';

export type { StreamErrorCondition };

export class StreamError extends Error {
  /** The RFC 6120 stream error condition, e.g. `not-well-formed`. */
  readonly condition: StreamErrorCondition;
  /** Byte offset in the input (the connection, across stream restarts) where the error lies. */
  readonly offset: number;
  /** The human-readable explanation (also in `message`, after the condition). */
  readonly text: string;

  constructor(condition: StreamErrorCondition, text: string, offset: number) {
    super(`${condition}: ${text} (at byte ${offset})`);
    this.name = 'StreamError';
    this.condition = condition;
    this.text = text;
    this.offset = offset;
  }

  /**
   * This error as the `<stream:error>` to send the peer before closing (RFC 6120 §4.9.1.1): the
   * condition, and the text with the byte offset.
   */
  toElement(options: Pick<StreamErrorOptions, 'lang'> = {}): Element {
    return streamError(this.condition, { text: `${this.text} (at byte ${this.offset})`, lang: options.lang });
  }
}

const conditionOf: Record<number, StreamErrorCondition> = {
  [T.C_NOT_WELL_FORMED]: 'not-well-formed',
  [T.C_RESTRICTED_XML]: 'restricted-xml',
  [T.C_UNSUPPORTED_ENCODING]: 'unsupported-encoding',
  [T.C_POLICY_VIOLATION]: 'policy-violation',
};

const reasonText: Record<number, string> = {
  [T.R_BAD_UTF8]: 'invalid UTF-8 byte sequence',
  [T.R_UTF16]: 'the stream is not UTF-8 (UTF-16 or a zero byte at the start)',
  [T.R_ILLEGAL_CHAR]: 'character not allowed in XML',
  [T.R_COMMENT]: 'comments are not allowed in XMPP',
  [T.R_PI]: 'processing instructions are not allowed in XMPP',
  [T.R_DOCTYPE]: 'DTDs and DOCTYPE declarations are not allowed in XMPP',
  [T.R_ENTITY]: 'only the five predefined entities may be referenced in XMPP',
  [T.R_BAD_NAME]: 'invalid character in a name',
  [T.R_BAD_COLON]: 'a name may hold one colon, neither first nor last',
  [T.R_EXPECTED_EQ]: "expected '=' after an attribute name",
  [T.R_EXPECTED_QUOTE]: 'attribute values must be quoted',
  [T.R_LT_IN_ATTR]: "'<' is not allowed in an attribute value",
  [T.R_BAD_TAG]: 'malformed tag',
  [T.R_CDATA_END_IN_TEXT]: "']]>' is not allowed in text",
  [T.R_BAD_REF]: "malformed reference (a '&' must start '&name;' or '&#...;')",
  [T.R_BAD_CHARREF]: 'character reference to a character not allowed in XML',
  [T.R_TEXT_AT_TOP]: 'text outside of an element (only whitespace may stand between stanzas)',
  [T.R_AFTER_ROOT]: 'content after the end of the stream or document',
  [T.R_XML_DECL_NOT_FIRST]: 'the XML declaration may only stand at the very start of a stream',
  [T.R_BAD_MARKUP]: "malformed markup after '<!'",
  [T.R_TRUNCATED]: 'the input ended inside an element',
  [T.R_DEPTH]: 'elements nested too deeply',
  [T.R_ATTRS]: 'too many attributes on one element',
  [T.R_NAME_LENGTH]: 'name too long',
  [T.R_SEGMENT_SIZE]: 'stanza too large',
  [T.R_CLOSE_AT_TOP]: 'end tag without a start tag',
  [T.R_BAD_DECL]: 'malformed XML declaration',
  [T.R_DUPLICATE_ATTR]: 'duplicate attribute',
};

/** Turns the lexer's error word into a StreamError at an absolute offset. */
export function lexerError(code: number, offset: number): StreamError {
  return new StreamError(
    conditionOf[code & T.ERROR_CONDITION_MASK] ?? 'not-well-formed',
    reasonText[code >> T.ERROR_REASON_SHIFT] ?? 'malformed input',
    offset,
  );
}
