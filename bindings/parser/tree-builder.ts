// Building Elements from tape records, with the rules that need the tree: end tags match their
// start tags, attributes are unique (past the lexer's first 1024), namespaces are declared,
// the stream header and XML declaration are acceptable, and a stanza has at most maxElements.
import type { XmlElement as LtxElement } from '../xml/element.js';
import * as C from './contract.generated.js';
import type { StreamErrorCondition } from './errors.js';
import { NamespaceScopes } from './namespaces.js';
import type { Settings } from './settings.js';
import type { StanzaTracker } from './stanza-source.js';
import { checkDeclaration, checkStreamHeader, detachHeader, type Refusal } from './stream-header.js';
import type { TapeConsumer, TapeReader } from './tape-reader.js';
import { normalizeText, normalizeValue } from './tape-strings.js';

/** What the builder tells the parser; each returns false when the parser stopped (an error, or reset()). */
export interface TreeEvents {
  streamStarted(header: LtxElement): boolean;
  elementClosed(element: LtxElement, depth: number): boolean;
  refuse(condition: StreamErrorCondition, text: string, at: number): false;
}

const NORMALIZE = C.FLAG_REFS | C.FLAG_CR | C.FLAG_WS;
const hasOwn = Object.prototype.hasOwnProperty;

/** Adjacent text (and CDATA) make one text child. */
function appendText(children: LtxElement['children'], text: string): void {
  const n = children.length;
  if (n > 0 && typeof children[n - 1] === 'string') children[n - 1] += text;
  else children.push(text);
}

export class TreeBuilder implements TapeConsumer {
  /** The open elements, the stream element first. */
  protected stack: LtxElement[] = [];
  protected readonly namespaces = new NamespaceScopes();
  protected elementCount = 0;

  protected readonly ElementClass: Settings['ElementClass'];
  protected readonly maxElements: number;

  constructor(
    protected readonly settings: Settings,
    /** 1 for a stream (stanzas are the stream element's children), 0 for a standalone document. */
    protected readonly stanzaLevel: number,
    protected readonly source: StanzaTracker,
    protected readonly events: TreeEvents,
  ) {
    this.ElementClass = settings.ElementClass;
    this.maxElements = settings.maxElements;
  }

  get openElements(): number {
    return this.stack.length;
  }

  clear(): void {
    this.stack = [];
    this.namespaces.clear();
    this.elementCount = 0;
  }

  /** Between stanzas: shrinks the stack a stanza grew (an idle stream should cost little). */
  compact(): void {
    if (this.stack.length === 1) this.stack = [this.stack[0]!];
  }

  /**
   * One loop with the common case of every record inline: calls it makes per record are not
   * inlined once the loop is large (V8's inlining budget), and cost a fifth more instructions on
   * small stanzas. The rarer work (per stanza, per declaration, errors) is in the methods below.
   */
  build(reader: TapeReader): number {
    const i32 = reader.i32;
    const stack = this.stack;
    // Locals: V8 loads a module's constant again at each use inside a loop, a local once.
    const { KIND_SEGMENT, KIND_OPEN_END, KIND_ATTR, KIND_VALUE, KIND_OPEN, KIND_CLOSE, KIND_TEXT, KIND_CDATA, KIND_XMLDECL } = C;
    const { HEAD_KIND_MASK, HEAD_FLAGS_SHIFT, HEAD_FLAGS_MASK, RECORD_WORDS, FLAG_SELF_CLOSING, MAX_TRACKED_ATTRS } = C;
    const normalize = NORMALIZE;
    const prefixed = C.FLAG_COLON | C.FLAG_XMLNS;
    // The start tag being read, in locals (a start tag's records are always in one tape): its
    // attributes, the last attribute name, the colon and xmlns flags seen, and its offset.
    let attrs: Record<string, string> = {};
    let attrName = '';
    let nameFlags = 0;
    let attrCount = 0;
    let openAt = 0;
    for (let r = reader.first, end = reader.end; r < end; r += RECORD_WORDS) {
      const head = i32[r]!;
      const kind = head & HEAD_KIND_MASK;
      const flags = (head >>> HEAD_FLAGS_SHIFT) & HEAD_FLAGS_MASK;
      if (kind === KIND_SEGMENT) {
        this.source.endInWindow = reader.enterSegment(r, flags);
        continue;
      }
      // No string: handled before the reader is asked for one, which may decode the stanza.
      if (kind === KIND_OPEN_END) {
        if (((nameFlags & prefixed) !== 0 || stack.length <= this.stanzaLevel) && !this.startTagChecks(nameFlags, openAt)) return r;
        if ((flags & FLAG_SELF_CLOSING) !== 0 && !this.closeCurrent()) return r;
        continue;
      }
      const str = reader.string(r, head);
      if (kind === KIND_ATTR) {
        attrName = str;
        nameFlags |= flags;
      } else if (kind === KIND_VALUE) {
        // The lexer finds duplicates among a tag's first 1024 attributes; past them, look here.
        if (++attrCount > MAX_TRACKED_ATTRS && !this.attributeMayFollow(attrs, attrName, openAt)) return r;
        const value = flags & normalize ? normalizeValue(str, flags) : str;
        if (attrName === '__proto__')
          Object.defineProperty(attrs, attrName, { value, enumerable: true, writable: true, configurable: true });
        else attrs[attrName] = value;
      } else if (kind === KIND_OPEN) {
        const element = new this.ElementClass(str);
        const depth = stack.length;
        const at = i32[r + 3]!;
        if (depth > this.stanzaLevel) {
          const parent = stack[depth - 1]!;
          element.parent = parent;
          parent.children.push(element);
        } else if (depth === this.stanzaLevel) this.stanzaStarts(element, at);
        if (depth >= this.stanzaLevel && ++this.elementCount > this.maxElements) return this.tooManyElements(at, r);
        stack.push(element);
        attrs = element.attrs;
        attrCount = 0;
        nameFlags = flags;
        openAt = at;
      } else if (kind === KIND_CLOSE) {
        const current = stack.length > 0 ? stack[stack.length - 1]! : null;
        if (current === null || str !== current.name) return this.mismatch(str, current, i32[r + 3]!, r);
        if (!this.closeCurrent()) return r;
      } else if (kind === KIND_TEXT || kind === KIND_CDATA) {
        appendText(stack[stack.length - 1]!.children, flags & normalize ? normalizeText(str, flags) : str);
      } else if (kind === KIND_XMLDECL && !this.declaration(str, i32[r + 3]!)) return r;
    }
    return -1;
  }

  /** A stanza (or the document's root) starts. */
  protected stanzaStarts(element: LtxElement, at: number): void {
    this.source.stanzaStarts(at);
    this.elementCount = 0;
    if (this.stack.length > 0) element.parent = this.stack[0]!;
  }

  protected tooManyElements(at: number, record: number): number {
    this.events.refuse('policy-violation', 'too many elements in one stanza', at);
    return record;
  }

  /** Past the tracked attributes: false (and an error) when this name is a duplicate. */
  protected attributeMayFollow(attrs: Record<string, string>, name: string, openAt: number): boolean {
    if (!hasOwn.call(attrs, name)) return true;
    return this.events.refuse('not-well-formed', `duplicate attribute ${name}`, openAt);
  }

  /** '>' or '/>' of a start tag with a prefix or namespace declaration, or of the stream header. */
  protected startTagChecks(flags: number, openAt: number): boolean {
    const stack = this.stack;
    const element = stack[stack.length - 1]!;
    if ((flags & (C.FLAG_COLON | C.FLAG_XMLNS)) !== 0) {
      const problem = this.namespaces.enter(element, flags, stack.length);
      if (problem !== null) return this.events.refuse('not-well-formed', problem, openAt);
    }
    if (stack.length !== 1 || this.stanzaLevel !== 1) return true;
    const refusal = checkStreamHeader(element, this.namespaces, this.settings.contentNamespaces);
    if (refusal !== null) return this.refuse(refusal, openAt);
    detachHeader(element);
    return this.events.streamStarted(element);
  }

  /** An end tag that does not close the open element: always an error. */
  protected mismatch(name: string, current: LtxElement | null, at: number, record: number): number {
    const expected = current === null ? 'no open element' : `</${current.name}>`;
    this.events.refuse('not-well-formed', `end tag </${name}> does not match ${expected}`, at);
    return record;
  }

  protected closeCurrent(): boolean {
    const stack = this.stack;
    const element = stack.pop()!;
    const depth = stack.length;
    this.namespaces.leave(depth);
    return depth > this.stanzaLevel || this.events.elementClosed(element, depth);
  }

  protected declaration(content: string, at: number): boolean {
    const refusal = checkDeclaration(content);
    return refusal === null || this.refuse(refusal, at);
  }

  private refuse({ condition, text }: Refusal, at: number): false {
    return this.events.refuse(condition, text, at);
  }
}
