// parse(): one standalone document or stanza (a prolog allowed, one root element of any name),
// under the same restricted-XML rules as a stream. For stanzas read back from storage.
import type { XmlElement as LtxElement } from '../xml/element.js';
import { StreamError } from './errors.js';
import { StreamParser, type ParserOptions } from './stream-parser.js';

/** Parses one XML document; throws a StreamError (with condition and offset) on bad input. */
export function parse(input: Uint8Array | string, options?: ParserOptions): LtxElement {
  const parser = new StreamParser(options, true);
  let root: LtxElement | null = null;
  parser.on('element', (element) => {
    root = element;
  });
  parser.end(input);
  if (parser.error !== null) throw parser.error;
  if (root === null) {
    const length = typeof input === 'string' ? new TextEncoder().encode(input).length : input.length;
    throw new StreamError('not-well-formed', 'no root element', length);
  }
  return root;
}
