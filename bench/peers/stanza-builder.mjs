// Turns SAX events into stanza trees of ltx Elements, the same way for every SAX-style peer (and
// as ltx's own Parser does), so that the comparison is between parsers, not tree builders.
// Depth 0 is the stream header; each element closed back at depth 1 is a complete stanza.
import Element from 'ltx/lib/Element.js';

export function createStanzaBuilder(onElement) {
  let depth = 0;
  let cursor = null;
  return {
    open(name, attrs) {
      if (depth++ === 0) return;
      const element = new Element(name, attrs);
      if (cursor) cursor.cnode(element);
      cursor = element;
    },
    text(text) {
      if (cursor) cursor.t(text);
    },
    close() {
      if (--depth === 1) {
        const stanza = cursor;
        cursor = null;
        onElement(stanza);
      } else if (depth > 1) {
        cursor = cursor.parent;
      }
    },
    reset() {
      depth = 0;
      cursor = null;
    },
  };
}
