// parse(): one standalone document or stanza (a prolog allowed, one root element of any name),
// under the same restricted-XML rules as a stream. For stanzas read back from storage.
import type { Element, XmlElement } from '../xml/element.js';
import { StreamError } from './errors.js';
import { asBytes, StreamParser, type ParserOptions, type StreamInput } from './stream-parser.js';

/**
 * Parses one XML document (bytes or text); throws a StreamError (with condition and offset) on
 * bad input. The Elements are of the class of the `Element` option (this package's by default).
 */
export function parse<E extends XmlElement = Element>(input: StreamInput, options?: ParserOptions<E>): E {
  const bytes = asBytes(input, 'parse', 'input');
  const parser = new StreamParser<E>(options, true);
  let root: E | null = null;
  parser.on('element', (element) => {
    root = element;
  });
  parser.end(bytes);
  if (root === null) throw new StreamError('not-well-formed', 'no root element', bytes.length);
  return root;
}
