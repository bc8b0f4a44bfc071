// Lazy mode's consumer of the tape: each stanza with its name and attributes, its descendants
// checked but not built. The checks are the tree builder's (end tags match, namespaces are
// declared, the limits hold), so a malformed stanza fails in write() as in eager mode; the
// children are built from the stanza's bytes when first read (lazy-element.ts).
import * as C from './contract.generated.js';
import { type LazyStanza, lazyClassOf } from './lazy-element.js';
import type { Settings } from './settings.js';
import type { StanzaTracker } from './stanza-source.js';
import type { TapeReader } from './tape-reader.js';
import { normalizeValue } from './tape-strings.js';
import { TreeBuilder, type TreeEvents } from './tree-builder.js';

/** The name and the attributes a descendant's checks read: those with a prefix, and declarations. */
interface Descendant {
  name: string;
  attrs: Record<string, string>;
}

/** A descendant's attributes until one is kept: never written. */
const NO_ATTRIBUTES: Record<string, string> = {};

export class LazyBuilder extends TreeBuilder {
  /** Names of the open descendants of the stanza, outermost first (their end tags must match). */
  private names: string[] = [];
  private readonly LazyClass: new (
    name: string,
  ) => LazyStanza;
  /** Past the lexer's tracked attributes, duplicates are found here: every name is then kept. */
  private readonly keepEveryName: boolean;

  constructor(settings: Settings, stanzaLevel: number, source: StanzaTracker, events: TreeEvents) {
    super(settings, stanzaLevel, source, events);
    this.LazyClass = lazyClassOf(settings.ElementClass);
    this.keepEveryName = settings.maxAttributes > C.MAX_TRACKED_ATTRS;
  }

  override get openElements(): number {
    return this.stack.length + this.names.length;
  }

  override clear(): void {
    super.clear();
    this.names = [];
  }

  /** As TreeBuilder.build, with the records inside a stanza read only for what is checked. */
  override build(reader: TapeReader): number {
    const i32 = reader.i32;
    const stack = this.stack;
    const names = this.names;
    const { KIND_SEGMENT, KIND_OPEN_END, KIND_ATTR, KIND_VALUE, KIND_OPEN, KIND_CLOSE, KIND_XMLDECL } = C;
    const { HEAD_KIND_MASK, HEAD_FLAGS_SHIFT, HEAD_FLAGS_MASK, RECORD_WORDS, FLAG_SELF_CLOSING, MAX_TRACKED_ATTRS } = C;
    const prefixed = C.FLAG_COLON | C.FLAG_XMLNS;
    const normalize = C.FLAG_REFS | C.FLAG_CR | C.FLAG_WS;
    // A record that fills a symbol slot gives the binding its string, even when nothing keeps it.
    const newSymbol = C.FLAG_NEW_SYMBOL << HEAD_FLAGS_SHIFT;
    const stanzaLevel = this.stanzaLevel;
    // The start tag being read: its attributes (all of them for a stanza or the header, those the
    // checks need for a descendant), whether the pending attribute is kept, the flags, its offset.
    let attrs: Record<string, string> = {};
    let attrName = '';
    let keepAll = true;
    let keep = false;
    let nameFlags = 0;
    let descendant: string | null = null;
    let attrCount = 0;
    let openAt = 0;
    for (let r = reader.first, end = reader.end; r < end; r += RECORD_WORDS) {
      const head = i32[r]!;
      const kind = head & HEAD_KIND_MASK;
      const flags = (head >>> HEAD_FLAGS_SHIFT) & HEAD_FLAGS_MASK;
      if (kind === KIND_SEGMENT) {
        this.source.endInWindow = reader.enterSegment(r, flags);
      } else if (kind === KIND_ATTR) {
        keep = keepAll || (flags & prefixed) !== 0 || this.keepEveryName;
        if (keep) {
          attrName = reader.string(r, head);
          if (attrs === NO_ATTRIBUTES) attrs = {};
        } else if ((head & newSymbol) !== 0) reader.string(r, head); // the engine's symbol table is shared
        nameFlags |= flags;
      } else if (kind === KIND_VALUE) {
        if (++attrCount > MAX_TRACKED_ATTRS && !this.attributeMayFollow(attrs, attrName, openAt)) return r;
        if (keep) {
          const raw = reader.string(r, head);
          const value = flags & normalize ? normalizeValue(raw, flags) : raw;
          if (attrName === '__proto__')
            Object.defineProperty(attrs, attrName, { value, enumerable: true, writable: true, configurable: true });
          else attrs[attrName] = value;
        } else if ((head & newSymbol) !== 0) reader.string(r, head);
      } else if (kind === KIND_OPEN_END) {
        if (descendant === null) {
          if (((nameFlags & prefixed) !== 0 || stack.length <= stanzaLevel) && !this.startTagChecks(nameFlags, openAt)) return r;
          if ((flags & FLAG_SELF_CLOSING) !== 0 && !this.closeCurrent()) return r;
        } else {
          const depth = stack.length + names.length;
          if ((nameFlags & prefixed) !== 0 && !this.descendantChecks({ name: descendant, attrs }, nameFlags, depth, openAt)) return r;
          if ((flags & FLAG_SELF_CLOSING) !== 0) this.leaveDescendant(depth - 1);
          descendant = null;
        }
      } else if (kind === KIND_OPEN) {
        const name = reader.string(r, head);
        const depth = stack.length + names.length;
        openAt = i32[r + 3]!;
        attrCount = 0;
        nameFlags = flags;
        if (depth > stanzaLevel) {
          names.push(name);
          // Its attributes are kept only for the checks, which few descendants need.
          attrs = this.keepEveryName ? {} : NO_ATTRIBUTES;
          descendant = name;
          keepAll = false;
        } else {
          const element = depth === stanzaLevel ? new this.LazyClass(name) : new this.ElementClass(name);
          if (depth === stanzaLevel) this.stanzaStarts(element, openAt);
          stack.push(element);
          attrs = element.attrs;
          keepAll = true;
        }
        if (depth >= stanzaLevel && ++this.elementCount > this.maxElements) return this.tooManyElements(openAt, r);
      } else if (kind === KIND_CLOSE) {
        const name = reader.string(r, head);
        if (names.length > 0) {
          const open = names[names.length - 1]!;
          if (name !== open) return this.mismatch(name, { name: open } as never, i32[r + 3]!, r);
          this.leaveDescendant(stack.length + names.length - 1);
        } else {
          const current = stack.length > 0 ? stack[stack.length - 1]! : null;
          if (current === null || name !== current.name) return this.mismatch(name, current, i32[r + 3]!, r);
          if (!this.closeCurrent()) return r;
        }
      } else if (kind === KIND_XMLDECL && !this.declaration(reader.string(r, head), i32[r + 3]!)) return r;
      // Text and CDATA are inside a stanza: nothing to check or keep.
    }
    return -1;
  }

  /** A descendant's start tag with a prefix or a namespace declaration. */
  private descendantChecks(descendant: Descendant, flags: number, depth: number, openAt: number): boolean {
    const problem = this.namespaces.enter(descendant as never, flags, depth);
    return problem === null || this.events.refuse('not-well-formed', problem, openAt);
  }

  /** A descendant closed: `depth` elements stay open. */
  private leaveDescendant(depth: number): void {
    this.names.pop();
    this.namespaces.leave(depth);
  }

  /** The stanza closes: it keeps its bytes for its children, before its listener runs. */
  protected override closeCurrent(): boolean {
    if (this.stack.length === this.stanzaLevel + 1) (this.stack[this.stack.length - 1] as LazyStanza).setSource(this.source.keep());
    return super.closeCurrent();
  }
}
