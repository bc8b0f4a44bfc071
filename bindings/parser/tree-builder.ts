// Building Elements from tape records, with the rules that need the tree: end tags match their
// start tags, attributes are unique (past the lexer's first 1024), namespaces are declared,
// the stream header and XML declaration are acceptable, and a stanza has at most maxElements.
import type { Element as LtxElement } from 'ltx';
import * as C from './contract.generated.js';
import type { StreamErrorCondition } from './errors.js';
import { NamespaceScopes } from './namespaces.js';
import type { Settings } from './settings.js';
import type { StanzaTracker } from './stanza-source.js';
import { checkDeclaration, checkStreamHeader, detachHeader, type Refusal } from './stream-header.js';
import { flagsOf, kindOf, type TapeConsumer, type TapeReader } from './tape-reader.js';
import { normalizeText, normalizeValue } from './tape-strings.js';

/** What the builder tells the parser; each returns false when the parser stopped (an error, or reset()). */
export interface TreeEvents {
  streamStarted(header: LtxElement): boolean;
  elementClosed(element: LtxElement, depth: number): boolean;
  refuse(condition: StreamErrorCondition, text: string, at: number): false;
}

const NORMALIZE = C.FLAG_REFS | C.FLAG_CR | C.FLAG_WS;
const hasOwn = Object.prototype.hasOwnProperty;

export class TreeBuilder implements TapeConsumer {
  /** The open elements, the stream element first. */
  private stack: LtxElement[] = [];
  private readonly namespaces = new NamespaceScopes();
  private elementCount = 0;
  // The start tag being read (its records are always in one tape).
  private attrs: Record<string, string> = {};
  private attrName = '';
  /** Colon and xmlns flags seen in the start tag. */
  private nameFlags = 0;
  private attrCount = 0;
  private openAt = 0;

  constructor(
    private readonly settings: Settings,
    /** 1 for a stream (stanzas are the stream element's children), 0 for a standalone document. */
    private readonly stanzaLevel: number,
    private readonly source: StanzaTracker,
    private readonly events: TreeEvents,
  ) {}

  get openElements(): number {
    return this.stack.length;
  }

  private get current(): LtxElement | null {
    const stack = this.stack;
    return stack.length > 0 ? stack[stack.length - 1]! : null;
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

  build(reader: TapeReader): number {
    const i32 = reader.i32;
    for (let r = reader.first, end = reader.end; r < end; r += C.RECORD_WORDS) {
      const head = i32[r]!;
      const kind = kindOf(head);
      if (kind === C.KIND_SEGMENT) {
        reader.enterSegment(r, head);
        this.source.endInWindow = reader.segmentEnd;
        continue;
      }
      // No string: handled before the reader is asked for one, which may decode the stanza.
      if (kind === C.KIND_OPEN_END) {
        if (!this.openEnd(head)) return r;
        continue;
      }
      const str = reader.string(r, head);
      let ok = true;
      switch (kind) {
        case C.KIND_OPEN:
          ok = this.open(str, head, i32[r + 3]!);
          break;
        case C.KIND_ATTR:
          this.attrName = str;
          this.nameFlags |= flagsOf(head);
          break;
        case C.KIND_VALUE:
          ok = this.value(str, head);
          break;
        case C.KIND_CLOSE:
          ok = this.close(str, i32[r + 3]!);
          break;
        case C.KIND_TEXT:
        case C.KIND_CDATA:
          this.text(str, head);
          break;
        case C.KIND_XMLDECL:
          ok = this.declaration(str, i32[r + 3]!);
          break;
      }
      if (!ok) return r;
    }
    return -1;
  }

  private open(name: string, head: number, at: number): boolean {
    const element = new this.settings.ElementClass(name);
    const stack = this.stack;
    const depth = stack.length;
    const stanzaLevel = this.stanzaLevel;
    if (depth === stanzaLevel) {
      this.source.stanzaStarts(at);
      this.elementCount = 0;
      if (depth > 0) element.parent = stack[0]!;
    } else if (depth > stanzaLevel) {
      const parent = stack[depth - 1]!;
      element.parent = parent;
      parent.children.push(element);
    }
    if (depth >= stanzaLevel && ++this.elementCount > this.settings.maxElements) {
      return this.events.refuse('policy-violation', 'too many elements in one stanza', at);
    }
    stack.push(element);
    this.attrs = element.attrs;
    this.attrCount = 0;
    this.nameFlags = flagsOf(head);
    this.openAt = at;
    return true;
  }

  private value(raw: string, head: number): boolean {
    const value = flagsOf(head) & NORMALIZE ? normalizeValue(raw, flagsOf(head)) : raw;
    const attrs = this.attrs;
    const name = this.attrName;
    // The lexer finds duplicates among a tag's first 1024 attributes; past them, look here.
    if (++this.attrCount > C.MAX_TRACKED_ATTRS && hasOwn.call(attrs, name)) {
      return this.events.refuse('not-well-formed', `duplicate attribute ${name}`, this.openAt);
    }
    if (name === '__proto__') Object.defineProperty(attrs, name, { value, enumerable: true, writable: true, configurable: true });
    else attrs[name] = value;
    return true;
  }

  /** '>' or '/>' of a start tag: the checks that need all its attributes. */
  private openEnd(head: number): boolean {
    const element = this.current!;
    const flags = this.nameFlags;
    if ((flags & (C.FLAG_COLON | C.FLAG_XMLNS)) !== 0) {
      const problem = this.namespaces.enter(element, flags, this.stack.length);
      if (problem !== null) return this.events.refuse('not-well-formed', problem, this.openAt);
    }
    if (this.stack.length === 1 && this.stanzaLevel === 1) {
      const refusal = checkStreamHeader(element, this.namespaces, this.settings.contentNamespaces);
      if (refusal !== null) return this.refuse(refusal, this.openAt);
      detachHeader(element);
      if (!this.events.streamStarted(element)) return false;
    }
    return (flagsOf(head) & C.FLAG_SELF_CLOSING) === 0 || this.closeCurrent();
  }

  private close(name: string, at: number): boolean {
    const current = this.current;
    if (current === null || name !== current.name) {
      const expected = current === null ? 'no open element' : `</${current.name}>`;
      return this.events.refuse('not-well-formed', `end tag </${name}> does not match ${expected}`, at);
    }
    return this.closeCurrent();
  }

  private closeCurrent(): boolean {
    const stack = this.stack;
    const element = stack.pop()!;
    this.namespaces.leave(stack.length);
    const current = this.current;
    if (current !== null) this.attrs = current.attrs;
    return stack.length > this.stanzaLevel || this.events.elementClosed(element, stack.length);
  }

  private text(raw: string, head: number): void {
    const text = flagsOf(head) & NORMALIZE ? normalizeText(raw, flagsOf(head)) : raw;
    const children = this.current!.children;
    const n = children.length;
    if (n > 0 && typeof children[n - 1] === 'string') children[n - 1] += text;
    else children.push(text);
  }

  private declaration(content: string, at: number): boolean {
    const refusal = checkDeclaration(content);
    return refusal === null || this.refuse(refusal, at);
  }

  private refuse({ condition, text }: Refusal, at: number): false {
    return this.events.refuse(condition, text, at);
  }
}
