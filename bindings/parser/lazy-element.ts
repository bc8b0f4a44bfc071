// The stanzas of lazy mode (`new StreamParser({ lazy: true })`): name and attributes built in
// write(), children built from the stanza's own bytes on first access. The bytes were fully
// checked in write(), so building the children later cannot fail.
import type { ElementConstructor, XmlElement, XmlNode } from '../xml/element.js';
import { type AttributeOverrides, overrideAttributes } from './attribute-overrides.js';
import { type Carry, carryBytes } from './lexer-state.js';
import { childrenFromBytes } from './lazy-children.js';

/** A stanza of lazy mode: an Element of the parser's class, with its bytes as received. */
export interface LazyElement extends XmlElement {
  /**
   * The stanza's bytes as received (a new array each call), whenever called; with `overrides`,
   * its own attributes set, added or removed, every other byte as received. Changes made to the
   * Element do not show here.
   */
  bytes(overrides?: AttributeOverrides): Uint8Array;
}

/** What the lazy builder sets on a stanza it delivers. */
export interface LazyStanza extends LazyElement {
  /** @internal The bytes the children will be built from. */
  setSource(received: Carry): void;
}

type LazyClass = new (name: string) => LazyStanza;
const lazyClasses = new WeakMap<ElementConstructor, LazyClass>();

/** The lazy subclass of an element class (made once per class). */
export function lazyClassOf(Base: ElementConstructor): LazyClass {
  let Lazy = lazyClasses.get(Base);
  if (Lazy === undefined) {
    Lazy = makeLazyClass(Base);
    lazyClasses.set(Base, Lazy);
  }
  return Lazy;
}

function makeLazyClass(Base: ElementConstructor): LazyClass {
  const Parent = Base as unknown as new (name: string) => XmlElement;
  class Lazy extends Parent {
    // Declared, not initialized: the base constructor sets `children` through the accessor
    // below before a subclass field initializer would run, and would be overwritten by it.
    declare private received: Carry | null;
    declare private pending: boolean;
    declare private built: XmlNode[];

    // ltx's methods all read `this.children`: the first read builds them.
    override get children(): XmlNode[] {
      if (this.pending) this.buildChildren();
      return this.built;
    }

    override set children(children: XmlNode[]) {
      this.pending = false;
      this.built = children;
    }

    setSource(received: Carry): void {
      this.received = received;
      this.pending = true;
    }

    bytes(overrides?: AttributeOverrides): Uint8Array {
      if (this.received === undefined || this.received === null) throw new Error('xmpp-wasm: this element was not parsed: no bytes');
      const received = carryBytes(this.received);
      return overrides === undefined ? received : overrideAttributes(received, overrides);
    }

    private buildChildren(): void {
      this.pending = false;
      const children = childrenFromBytes(carryBytes(this.received!), this.parent, Base);
      for (const child of children) if (typeof child !== 'string') child.parent = this;
      this.built = children;
    }
  }
  return Lazy as unknown as LazyClass;
}
