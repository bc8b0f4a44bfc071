// The Element model: ltx's Element (what XMPP JavaScript code already uses), with a serializer
// that round-trips through the parser and builder methods that keep creating this class.
import { Element as LtxElement } from 'ltx';
import { serialize } from './serialize.js';

export class Element extends LtxElement {
  /** Creates a child of the same class, appends it and returns it (ltx's builder API). */
  override c(name: string, attrs?: { [key: string]: unknown }): Element {
    const Ctor = this.constructor as new (name: string, attrs?: { [key: string]: unknown }) => Element;
    return this.cnode(new Ctor(name, attrs));
  }

  override toString(): string {
    return serialize(this);
  }
}

/** What the parser needs of an element class: ltx's constructor and fields (e.g. @xmpp/xml's Element). */
export type ElementConstructor = new (name: string) => LtxElement;
