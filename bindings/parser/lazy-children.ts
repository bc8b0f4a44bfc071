// The children of a lazy stanza, built from its bytes as eager mode builds them: the bytes are
// parsed as a document inside a wrapper that declares the stream header's prefixes (a stanza
// may use them: stream:features, db:result), and the stanza's children are taken from it.
import type { ElementConstructor, XmlElement, XmlNode } from '../xml/element.js';
import { escapeAttribute } from '../xml/serialize.js';
import type { ParserOptions } from './settings.js';
import { StreamParser } from './stream-parser.js';

const LIMITLESS = 1 << 30;
const optionsByClass = new WeakMap<ElementConstructor, ParserOptions>();

/** Parser options for bytes checked already: the stream's limits held, and the wrapper adds to them. */
function optionsFor(ElementClass: ElementConstructor): ParserOptions {
  let options = optionsByClass.get(ElementClass);
  if (options === undefined) {
    options = {
      Element: ElementClass,
      maxStanzaBytes: LIMITLESS,
      maxDepth: LIMITLESS,
      maxAttributes: LIMITLESS,
      maxElements: LIMITLESS,
      maxNameLength: LIMITLESS,
    };
    optionsByClass.set(ElementClass, options);
  }
  return options;
}

/** The wrapper's start tag: the header's prefix declarations. */
function wrapperStart(header: XmlElement | null): string {
  let tag = '<w';
  const attrs = header?.attrs ?? {};
  for (const name in attrs) if (name.startsWith('xmlns:')) tag += ` ${name}="${escapeAttribute(String(attrs[name]))}"`;
  return tag + '>';
}

/** The children of the element whose bytes (checked by a stream parser) these are. */
export function childrenFromBytes(bytes: Uint8Array, header: XmlElement | null, ElementClass: ElementConstructor): XmlNode[] {
  const parser = new StreamParser(optionsFor(ElementClass), true);
  let wrapper: XmlElement | null = null;
  parser.on('element', (element) => {
    wrapper = element as XmlElement;
  });
  parser.write(wrapperStart(header));
  parser.write(bytes);
  parser.end('</w>');
  if (parser.error !== null) throw parser.error; // a parser bug: write() checked these bytes
  return (wrapper!.children[0] as XmlElement).children;
}
