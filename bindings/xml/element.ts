// The Element model: ltx's Element, the class @xmpp/xml exports (both come from
// `ltx/lib/Element.js`), so parsed stanzas are `instanceof` the Element xmpp.js code checks
// against, and only that module is imported: ltx's index also pulls its SAX parser and Node's
// `events`, which browsers and bundlers do not have. The types are declared here, so the
// published declarations need neither ltx nor @types/ltx.
import LtxElement from 'ltx/lib/Element.js';
import { serialize } from './serialize.js';

/** A child of an element: an element or a text node. */
export type XmlNode<E extends XmlElement = XmlElement> = E | string;

/** Attribute values as ltx keeps them (strings once parsed; builders may set numbers). */
// biome-ignore lint/suspicious/noExplicitAny: ltx's type, kept so code written against ltx compiles unchanged
export type Attributes = { [name: string]: any };

/**
 * The Element API of ltx (and @xmpp/xml), with `E` the class the tree is made of: what the
 * parser builds, whatever the class (see the `Element` option).
 */
export interface ElementApi<E> {
  name: string;
  parent: E | null;
  children: (E | string)[];
  attrs: Attributes;
  /** `name` without prefix and, when given, the namespace: `el.is('message', 'jabber:client')`. */
  is(name: string, xmlns?: string): boolean;
  /** The name without prefix. */
  getName(): string;
  /** The namespace, resolved through the ancestors (a stanza's parent is the stream header). */
  getNS(): string | undefined;
  findNS(prefix?: string): string | undefined;
  getXmlns(): { [prefix: string]: string };
  setAttrs(attrs: string | Attributes | undefined): void;
  // biome-ignore lint/suspicious/noExplicitAny: as ltx declares it
  getAttr(name: string, xmlns?: string): any;
  getChild(name: string, xmlns?: string): E | undefined;
  getChildren(name: string, xmlns?: string): E[];
  getChildByAttr(attr: string, value: unknown, xmlns?: string, recursive?: boolean): E | undefined;
  getChildrenByAttr(attr: string, value: unknown, xmlns?: string, recursive?: boolean): E[];
  getChildrenByFilter(filter: (child: E | string) => boolean, recursive?: boolean): E[];
  /** The text children joined (not the descendants'). */
  getText(): string;
  getChildText(name: string, xmlns?: string): string | null;
  getChildElements(): E[];
  root(): E;
  tree(): E;
  up(): E;
  /** Appends a child and returns it. */
  cnode<T extends E | string>(child: T): T;
  append(...nodes: (E | string)[]): void;
  prepend(...nodes: (E | string)[]): void;
  /** Appends a text node; returns this element. */
  t(text: string): this;
  remove(el: E | string): this;
  remove(name: string, xmlns?: string): this;
  text(value: string): this;
  text(): string;
  attr(name: string, value: unknown): this;
  // biome-ignore lint/suspicious/noExplicitAny: as ltx declares it
  attr(name: string): any;
  write(writer: (part: string) => void): void;
}

/** Any ltx-compatible element: ltx's, @xmpp/xml's, this package's. */
export interface XmlElement extends ElementApi<XmlElement> {
  c(name: string, attrs?: Attributes): XmlElement;
  toString(): string;
}

/** What the parser needs of an element class: ltx's constructor and API (e.g. @xmpp/xml's Element). */
export type ElementConstructor<E extends XmlElement = XmlElement> = new (name: string, attrs?: Attributes) => E;

// ltx's class, typed by the declarations above rather than by @types/ltx.
const ElementBase = LtxElement as unknown as new (name: string, attrs?: string | Attributes) => object;

// ltx's methods, declared for a class TypeScript sees only as `object`.
export interface Element extends ElementApi<Element> {}

/** ltx's Element, serialized so that `parse(el.toString())` gives the same tree back. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares the methods ltx's class has
export class Element extends ElementBase {
  /** Creates a child of the same class, appends it and returns it (ltx's builder API). */
  c(name: string, attrs?: Attributes): Element {
    const Ctor = this.constructor as new (name: string, attrs?: Attributes) => Element;
    return this.cnode(new Ctor(name, attrs));
  }

  override toString(): string {
    return serialize(this);
  }
}
