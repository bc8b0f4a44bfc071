// sax-wasm: a SAX parser in Rust compiled to WebAssembly, fed the bytes themselves. Each parser
// gets its own WebAssembly instance and memory, as the package designs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SAXParser, SaxEventType } from 'sax-wasm';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'sax-wasm (Rust in WASM, one instance per parser), Buffers';

let compiled;
export async function init() {
  const require = createRequire(import.meta.url);
  compiled = await WebAssembly.compile(readFileSync(require.resolve('sax-wasm/lib/sax-wasm.wasm')));
}

// SAXParser.prepareWasm, done synchronously from the module compiled once in init(), so that
// parsers are created on demand like every other peer's.
function instantiate(parser) {
  const env = {
    memory: new WebAssembly.Memory({ initial: 10, shared: true, maximum: 150 }),
    table: new WebAssembly.Table({ initial: 1, element: 'anyfunc' }),
    event_listener: parser.eventTrap,
  };
  parser.wasmSaxParser = new WebAssembly.Instance(compiled, { env }).exports;
  parser.wasmSaxParser.parser(parser.events);
}

const attributesOf = (tag) => {
  const attrs = {};
  for (const attribute of tag.attributes) attrs[attribute.name.value] = attribute.value.value;
  return attrs;
};

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  const parser = new SAXParser(SaxEventType.OpenTag | SaxEventType.CloseTag | SaxEventType.Text | SaxEventType.Cdata);
  parser.eventHandler = (event, detail) => {
    if (event === SaxEventType.OpenTag) builder.open(detail.name, attributesOf(detail));
    else if (event === SaxEventType.CloseTag) builder.close();
    else builder.text(detail.value);
  };
  instantiate(parser);
  return {
    write: (chunk) => parser.write(chunk),
    end: () => parser.end(),
    reset() {
      parser.end();
      builder.reset();
    },
  };
}
