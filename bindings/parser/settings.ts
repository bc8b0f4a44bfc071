// Parser options: defaults, limits clamped, and settings shared by parsers made from the same
// options object (a server makes thousands of parsers with one options object).
import { Element, type ElementConstructor } from '../xml/element.js';

export interface ParserOptions {
  /** Bytes one stanza (and the stream header) may take; default 262144 (256 KiB, as Prosody's c2s). */
  maxStanzaBytes?: number;
  /** Element nesting, the stream element included; default 64. */
  maxDepth?: number;
  /** Attributes (namespace declarations included) on one element; default 64. */
  maxAttributes?: number;
  /** Elements in one stanza; default 10000. */
  maxElements?: number;
  /** Bytes in one element or attribute name; default 1024. */
  maxNameLength?: number;
  /** Content namespaces a stream may declare; default jabber:client and jabber:server. */
  contentNamespaces?: readonly string[];
  /** The class of the Elements built (ltx-compatible, e.g. @xmpp/xml's Element); default Element. */
  Element?: ElementConstructor;
}

const DEFAULTS = {
  maxStanzaBytes: 256 * 1024,
  maxDepth: 64,
  maxAttributes: 64,
  maxElements: 10000,
  maxNameLength: 1024,
};
const DEFAULT_CONTENT_NAMESPACES = ['jabber:client', 'jabber:server'];
const LIMIT_CEILING = 1 << 30;

function clampLimit(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!(value >= min)) throw new RangeError(`xmpp-wasm: a limit must be a number >= ${min}`);
  return Math.min(Math.floor(value), LIMIT_CEILING);
}

/** Options resolved once; parsers made with the same options object share one (memory per stream). */
export interface Settings {
  readonly ElementClass: ElementConstructor;
  readonly maxStanzaBytes: number;
  readonly maxDepth: number;
  readonly maxAttributes: number;
  readonly maxElements: number;
  readonly maxNameLength: number;
  readonly contentNamespaces: readonly string[];
}

function resolveSettings(options: ParserOptions): Settings {
  return {
    ElementClass: options.Element ?? Element,
    maxStanzaBytes: clampLimit(options.maxStanzaBytes, DEFAULTS.maxStanzaBytes, 16),
    maxDepth: clampLimit(options.maxDepth, DEFAULTS.maxDepth, 2),
    maxAttributes: clampLimit(options.maxAttributes, DEFAULTS.maxAttributes, 1),
    maxElements: clampLimit(options.maxElements, DEFAULTS.maxElements, 1),
    maxNameLength: clampLimit(options.maxNameLength, DEFAULTS.maxNameLength, 1),
    contentNamespaces: options.contentNamespaces ?? DEFAULT_CONTENT_NAMESPACES,
  };
}

export const NO_OPTIONS: ParserOptions = {};
const OPTION_KEYS = [
  'Element',
  'maxStanzaBytes',
  'maxDepth',
  'maxAttributes',
  'maxElements',
  'maxNameLength',
  'contentNamespaces',
] as const;
const settingsCache = new WeakMap<ParserOptions, { options: ParserOptions; settings: Settings }>();

/** Shared settings, unless the options object was changed since they were made from it. */
export function settingsFor(options: ParserOptions): Settings {
  const cached = settingsCache.get(options);
  if (cached !== undefined && OPTION_KEYS.every((key) => cached.options[key] === options[key])) return cached.settings;
  const settings = resolveSettings(options);
  settingsCache.set(options, { options: { ...options }, settings });
  return settings;
}
